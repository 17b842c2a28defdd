using System.Text.Json;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Ledger;
using CrisisHub.Grains.Plans;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// A plan's versions and a school's ledger reviews are stored as JSON in their chains, for years: the names written today
/// must be the names read tomorrow. A renamed property fails here instead of losing a version or a meeting's decision.
/// </summary>
public sealed class PlanAndLedgerStoredNamesTests
{
    private static readonly PlanVersion Version = new(2, new PlanDraft(3, "exams", "withdrawn", new SafetyPlan("a", "b", "c", "d", "e", "f"),
        [new ResponsibleAdult("Ms Li", "head teacher", "+13125550100")], "extra time", new DateOnly(2026, 12, 1), "psych-1"),
        "psych-1", new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), "after the meeting");

    private const string StoredVersion =
        """{"version":2,"plan":{"level":3,"triggers":"exams","warningSigns":"withdrawn","safetyPlan":{"warningSigns":"a","internalCoping":"b","peopleAndPlacesForDistraction":"c","peopleToAskForHelp":"d","professionalsAndHotlines":"e","makingTheEnvironmentSafe":"f"},"responsibleAdults":[{"name":"Ms Li","role":"head teacher","phone":"\u002B13125550100"}],"agreedSupport":"extra time","nextReviewOn":"2026-12-01","ownerUserName":"psych-1"},"savedBy":"psych-1","savedAt":"2026-11-23T08:00:00+00:00","changeNote":"after the meeting"}""";

    private static readonly LedgerReview Review = new("s-1", "g-1", "2026-11", 3, 2, LedgerMovement.Raised, "worse", "psych-1",
        new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private const string StoredReview =
        """{"studentId":"s-1","gradeId":"g-1","month":"2026-11","fromLevel":3,"toLevel":2,"movement":1,"note":"worse","reviewedBy":"psych-1","reviewedAt":"2026-11-23T08:00:00+00:00"}""";

    [Fact]
    public void APlanVersionIsWrittenUnderItsNamesAndReadsBack()
    {
        PlanChain.Serialize(Version).ShouldBe(StoredVersion);
        JsonSerializer.Deserialize<PlanVersion>(StoredVersion, Strict(new JsonSerializerOptions(JsonSerializerDefaults.Web))).ShouldBeEquivalentTo(Version);
    }

    [Fact]
    public void ALedgerReviewIsWrittenUnderItsNamesAndReadsBack()
    {
        JsonSerializer.Serialize(Review, SchoolLedgerGrain.Json).ShouldBe(StoredReview);
        JsonSerializer.Deserialize<LedgerReview>(StoredReview, Strict(SchoolLedgerGrain.Json)).ShouldBeEquivalentTo(Review);
    }

    private static JsonSerializerOptions Strict(JsonSerializerOptions options) =>
        new(options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
}
