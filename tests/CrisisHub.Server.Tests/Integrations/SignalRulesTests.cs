using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Integrations.Signals;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Integrations;

namespace CrisisHub.Server.Tests.Integrations;

/// <summary>What makes a signal well formed, and the one way it names a student: an exact, unique student number.</summary>
public sealed class SignalRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static SignalRequest Valid(SignalKind kind = SignalKind.OnlineSelfHarmPost) =>
        new(kind, "ts1", "ts1-g1-c1-3", null, [ObservedSign.SelfHarm], "post", Now.AddHours(-1), null);

    [Fact]
    public void AWellFormedSignalHasNoErrors() => Valid().Validate(Now).ShouldBeEmpty();

    [Fact]
    public void EachMissingOrWrongFieldIsNamedWithWhatIsAllowed()
    {
        var errors = new SignalRequest(null, "", null, null, [], new string('x', 5000), null, null).Validate(Now);
        errors.Keys.ShouldBe(["kind", "schoolId", "hints", "signs", "note", "occurredAt"], ignoreOrder: true);
        errors["kind"].Single().ShouldContain("OnlineSelfHarmPost, PoliceNotice, HotlineReferral, HospitalNotice, MissingStudent");
        errors["signs"].Single().ShouldContain(nameof(ObservedSign.SelfHarm));
        errors["signs"].Single().ShouldNotContain(nameof(ObservedSign.ScreeningPositive), Case.Sensitive);
    }

    [Fact]
    public void ScreeningSignsComeThroughTheScreeningImportNotAsSignals() =>
        (Valid() with { Signs = [ObservedSign.ScreeningSuicideItem] }).Validate(Now)["signs"].Single().ShouldContain("/screening");

    [Fact]
    public void ASignalIsNeverFromTheFutureNorOlderThanThirtyDays()
    {
        (Valid() with { OccurredAt = Now.AddMinutes(4) }).Validate(Now).ShouldBeEmpty("a client's clock may run a little fast");
        (Valid() with { OccurredAt = Now.AddMinutes(6) }).Validate(Now).Keys.ShouldBe(["occurredAt"]);
        (Valid() with { OccurredAt = Now.AddDays(-31) }).Validate(Now).Keys.ShouldBe(["occurredAt"]);
    }

    [Fact]
    public void WithoutANumberAHintIsRequiredAndAMissingStudentNeedsWhereTheyWereLastSeen()
    {
        (Valid() with { StudentNumber = null }).Validate(Now).Keys.ShouldBe(["hints"]);
        (Valid() with { StudentNumber = null, Hints = new SignalHints(null, "初二(3)班", null, null) }).Validate(Now).ShouldBeEmpty();
        Valid(SignalKind.MissingStudent).Validate(Now).Keys.ShouldBe(["lastSeen"]);
        (Valid(SignalKind.MissingStudent) with { LastSeen = new SignalLastSeen(Now.AddHours(-3), "east gate", "supervisor") }).Validate(Now).ShouldBeEmpty();
        (Valid() with { LastSeen = new SignalLastSeen(Now, "gate", "x") }).Validate(Now).Keys.ShouldBe(["lastSeen"]);
    }

    [Fact]
    public void AMissingStudentComesOnlyThroughTheMissingDoorWithWhenTheyWereLastSeen()
    {
        // Ticking "missing" on another kind would raise a missing flag with no episode, no police and no "found".
        (Valid() with { Signs = [ObservedSign.MissingWithWarningSigns] }).Validate(Now)["signs"].Single().ShouldContain("MissingStudent");
        new Flags.FlagRequest("s", null, [ObservedSign.Missing], null, null).Validate()["signs"].Single().ShouldContain("missing-student form");
        (Valid(SignalKind.MissingStudent) with { LastSeen = new SignalLastSeen(default, "gate", "x") }).Validate(Now).Keys.ShouldBe(["lastSeen.at"]);
        (Valid(SignalKind.MissingStudent) with { LastSeen = new SignalLastSeen(Now.AddDays(-40), "gate", "x") }).Validate(Now).Keys.ShouldBe(["lastSeen.at"]);
        (Valid(SignalKind.MissingStudent) with { Signs = [ObservedSign.ScreeningPositive], LastSeen = new SignalLastSeen(Now, "gate", "x") })
            .Validate(Now)["signs"].Single().ShouldContain("not a warning sign");
    }

    [Fact]
    public void TheSameBodyHasTheSameFingerprintWhateverTheOrderOfItsSigns()
    {
        var a = Valid() with { Signs = [ObservedSign.SelfHarm, ObservedSign.Distress] };
        var b = Valid() with { Signs = [ObservedSign.Distress, ObservedSign.SelfHarm, ObservedSign.Distress] };
        a.Fingerprint().ShouldBe(b.Fingerprint());
        (a with { Note = "other" }).Fingerprint().ShouldNotBe(a.Fingerprint());
    }

    private static readonly RosterNumber[] Roster =
    [
        new("1001", "s-1", "g1", "c1"),
        new("1002", "s-2", "g1", "c1"),
        new("1002", "s-3", "g1", "c2"),
    ];

    [Theory]
    [InlineData("1001", "s-1", "")]
    [InlineData(" 1001 ", "s-1", "")]
    [InlineData("1002", null, SignalMatch.AmbiguousNumber)]
    [InlineData("9999", null, SignalMatch.UnknownNumber)]
    [InlineData(null, null, SignalMatch.NoNumber)]
    [InlineData("", null, SignalMatch.NoNumber)]
    public void OnlyAnExactUniqueNumberMatches(string? number, string? student, string why)
    {
        var match = SignalMatching.Match(number, Roster);
        match.Student?.StudentId.ShouldBe(student);
        match.WhyUnmatched.ShouldBe(why);
    }
}
