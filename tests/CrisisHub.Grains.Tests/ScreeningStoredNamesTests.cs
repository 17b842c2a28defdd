using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Screening;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// A screening result is stored as JSON in its student's chain, for years: the names written today must read back
/// tomorrow. A renamed property fails here instead of losing a term's results.
/// </summary>
public sealed class ScreeningStoredNamesTests
{
    private const string Stored =
        """{"studentId":"s-1","schoolId":"sc","gradeId":"g","instrumentId":"phq-9","date":"2026-10-12","items":[1,1,1,1,1,1,1,1,1],"total":9,"outcome":"Severe","rule":"Item 9","importId":"abc","row":2}""";

    private static readonly ScreeningResult Result = new("s-1", "sc", "g", "phq-9", new DateOnly(2026, 10, 12), [1, 1, 1, 1, 1, 1, 1, 1, 1], 9,
        ScreeningOutcome.Severe, "Item 9", "abc", 2);

    [Fact]
    public void AResultIsWrittenUnderTheNamesItWasAlwaysWrittenUnder() =>
        JsonSerializer.Serialize(Result, ScreeningJson.Options).ShouldBe(Stored);

    [Fact]
    public void AStoredResultReadsBackWithNothingLeftOver()
    {
        var strict = new JsonSerializerOptions(ScreeningJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        JsonSerializer.Deserialize<ScreeningResult>(Stored, strict).ShouldBeEquivalentTo(Result);
    }
}
