using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Missing;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Cases;

namespace CrisisHub.Grains.Tests;

/// <summary>The police rule as plain data: a police contact is texted about a missing student and about nothing else.</summary>
public sealed class PoliceRecipientsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly SmsRecipient Teacher = new("r-teacher", "Teacher", ResponderRole.HeadTeacher, "+8613800000001", "a-t", "zh-CN");
    private static readonly SmsRecipient Police = new("r-police", "Police", ResponderRole.Police, "+8613800000110", null, "zh-CN");
    private static readonly MissingReport Report = new("st", T0.AddHours(-1), "east gate", "supervisor", [], null, FlagSource.Teacher);
    private static MissingEpisodeState Open => new() { Number = 1, Report = Report, ReportedAt = T0 };
    private static MissingEpisodeState Closed => new()
    {
        Number = 1, Report = Report, ReportedAt = T0, Found = new FoundReport(T0, "library", "guard", FoundCondition.Unharmed, false, null),
    };

    public static TheoryData<SmsPurpose> NotMissingPurposes() => [SmsPurpose.Alert, SmsPurpose.ReferralOverdue, SmsPurpose.BreakGlass];

    [Theory]
    [MemberData(nameof(NotMissingPurposes))]
    public void PoliceNeverReceiveAnythingButTheMissingTexts(SmsPurpose purpose)
    {
        PoliceRecipients.MayReceive(ResponderRole.Police, purpose, null).ShouldBeFalse();
        PoliceRecipients.MayReceive(ResponderRole.Police, purpose, Open).ShouldBeFalse("even while a student is missing, the alarm's steps are the school's");
        PoliceRecipients.MayReceive(ResponderRole.Police, purpose, Closed).ShouldBeFalse();
        PoliceRecipients.MayReceive(ResponderRole.HeadTeacher, purpose, null).ShouldBeTrue();
    }

    [Fact]
    public void TheMissingTextReachesPoliceOnlyWhileAnEpisodeIsOpenAndNobodyElse()
    {
        PoliceRecipients.MayReceive(ResponderRole.Police, SmsPurpose.MissingPolice, null).ShouldBeFalse("a case without a missing student");
        PoliceRecipients.MayReceive(ResponderRole.Police, SmsPurpose.MissingPolice, Closed).ShouldBeFalse("the student was found");
        PoliceRecipients.MayReceive(ResponderRole.Police, SmsPurpose.MissingPolice, Open).ShouldBeTrue();
        foreach (var role in Enum.GetValues<ResponderRole>().Where(r => r != ResponderRole.Police))
            PoliceRecipients.MayReceive(role, SmsPurpose.MissingPolice, Open).ShouldBeFalse($"{role} never receives the police text");
        PoliceRecipients.MayReceive(ResponderRole.Police, SmsPurpose.MissingFound, Open).ShouldBeFalse();
        PoliceRecipients.MayReceive(ResponderRole.Police, SmsPurpose.MissingFound, Closed).ShouldBeTrue();
    }

    [Fact]
    public void TheOutboxLeavesPoliceOutOfAnAlertStepEvenWhenTheirNodeIsNotified()
    {
        List<PendingText> pending = [];
        List<SmsDispatch> dispatches = [];
        var outbox = new CaseOutbox(pending, dispatches, []);
        outbox.Plan("c1", new StepTexts(["school"], 1, 0, 0));
        outbox.Address(pending[0], "c1", CrisisGrade.Major, "S", [Teacher, Police], T0);

        dispatches.ShouldHaveSingleItem().Request.Recipient.ShouldBe(Teacher);
    }

    [Fact]
    public void APoliceTextDecidedBeforeTheStudentWasFoundIsNotSentAfter()
    {
        List<PendingText> pending = [];
        List<SmsDispatch> dispatches = [];
        var outbox = new CaseOutbox(pending, dispatches, [Closed]);
        outbox.PlanMissingPolice("c1", 1, "school");
        outbox.Address(pending[0], "c1", CrisisGrade.Major, "S", [Police], T0, missing: new MissingTextFacts(T0, "gate", "+86100"));

        dispatches.ShouldBeEmpty();
        pending.ShouldBeEmpty();
    }

    [Fact]
    public void FoundGoesOnceToEachPersonTextedBeforeAndToNobodyElse()
    {
        List<PendingText> pending = [];
        List<SmsDispatch> dispatches = [];
        List<MissingEpisodeState> episodes = [Open];
        var outbox = new CaseOutbox(pending, dispatches, episodes);
        outbox.Plan("c1", new StepTexts(["class"], 1, 0, 0));
        outbox.Address(pending[0], "c1", CrisisGrade.Major, "S", [Teacher], T0);
        outbox.Plan("c1", new StepTexts(["class"], 2, 0, 1));
        outbox.Address(pending[0], "c1", CrisisGrade.Major, "S", [Teacher], T0);
        outbox.PlanMissingPolice("c1", 1, "school");
        outbox.Address(pending[0], "c1", CrisisGrade.Major, "S", [Police], T0, missing: new MissingTextFacts(T0, "gate", "+86100"));
        dispatches.Single(d => d.Request.Recipient == Police).Request.Missing.ShouldNotBeNull().LastSeenPlace.ShouldBe("gate");

        episodes[0] = Closed;
        outbox.AddressFound("c1", 1, CrisisGrade.Major, T0);

        dispatches.Where(d => d.Request.Purpose == SmsPurpose.MissingFound).Select(d => d.Request.MessageId)
            .ShouldBe(["c1.found1.r-teacher", "c1.found1.r-police"], ignoreOrder: true);
    }
}

/// <summary>The missing alarm in the cluster: the report opens an episode and texts police; found stops the escalation at once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MissingEpisodeTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly RecordingNotifier _notes = fixture.Notifier;
    private static readonly Actor Teacher = TestNetwork.HeadTeacher;

    private async Task<TestNetwork> NetworkWithPoliceAsync()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var school = _grains.GetGrain<IWarningNodeGrain>(net.School);
        var responders = (await school.GetAsync())!.Responders;
        await school.SetRespondersAsync([.. responders, new Responder($"{net.School}-police", "Police", ResponderRole.Police, "+12025550188", true, null)]);
        return net;
    }

    private FlagSubmission MissingFlag(TestNetwork net, params ObservedSign[] warningSigns)
    {
        var now = fixture.Clock.GetUtcNow();
        var report = new MissingReport(net.Student, now.AddMinutes(-30), "east gate", "supervisor", warningSigns, "blue jacket", FlagSource.Teacher);
        return new FlagSubmission(Guid.NewGuid().ToString("N"), net.Student, FlagSource.MissingStudentReport, MissingGrades.FlagSigns(warningSigns),
            report.Description, MissingGrades.Default.GradeOf(warningSigns), Teacher, now, report);
    }

    [Fact]
    public async Task FoundStopsTheMissingEscalationAtOnceAndTheCaseStaysOpen()
    {
        var net = await NetworkWithPoliceAsync();
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(MissingFlag(net, ObservedSign.TalkedAboutSuicide))).CaseId;
        var grain = _grains.GetGrain<IStudentCaseGrain>(caseId);
        var opened = await grain.WakeAndRead();
        opened.Grade.ShouldBe(CrisisGrade.Major);
        opened.StudentMissing.ShouldBeTrue();
        opened.Texts.Where(t => t.Role == ResponderRole.Police).ShouldHaveSingleItem().Firing.ShouldBe(-1);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await _notes.WaitForAsync(caseId, AlertEventKind.Escalated);
        var found = await grain.RecordFoundAsync(Teacher, new FoundReport(fixture.Clock.GetUtcNow(), "library", "guard", FoundCondition.Unharmed, false, null));

        found.Escalation.State.ShouldBe(AlertState.Acknowledged);
        found.Escalation.ActionDueAt.ShouldBeNull();
        found.Status.ShouldNotBe(CaseStatus.Closed);
        found.MissingEpisodes!.Single().Found.ShouldNotBeNull();
        var alarmTexts = found.Texts.Count(t => t.Firing > 0);
        found.Texts.Where(t => t.MessageId.Contains(".found1.")).Select(t => t.RecipientId)
            .ShouldBe(found.Texts.Where(t => !t.MessageId.Contains(".found")).Select(t => t.RecipientId).Distinct(), ignoreOrder: true);

        for (var i = 0; i < 6; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(30));
            await grain.WakeAsync();
        }

        var later = await grain.WakeAndRead();
        later.Texts.Count(t => t.Firing > 0).ShouldBe(alarmTexts, "no step fires after found");
        later.Escalation.Round.ShouldBe(found.Escalation.Round);
        later.Escalation.State.ShouldBe(AlertState.Acknowledged);
        (await grain.GetRoutingAsync())!.Status.ShouldNotBe(CaseStatus.Closed);
    }

    [Fact]
    public async Task WithoutAPoliceContactTheCasesTrailSaysThePoliceTextWentNowhere()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(MissingFlag(net))).CaseId;
        var grain = _grains.GetGrain<IStudentCaseGrain>(caseId);
        (await grain.WakeAndRead()).Texts.ShouldNotContain(t => t.Role == ResponderRole.Police);
        var trail = await grain.ReadAuditAsync(Teacher);
        trail.Records.ShouldContain(r => r.Action == AuditActions.TextUndeliverable && r.After!.Contains("NoPoliceContact"));
    }

    [Fact]
    public async Task AMajorMentalHealthCaseNeverTextsThePoliceEvenWhenExhausted()
    {
        var net = await NetworkWithPoliceAsync();
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.AttemptOrPreparation))).CaseId;
        var grain = _grains.GetGrain<IStudentCaseGrain>(caseId);
        for (var i = 0; i < 5; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(5));
            await grain.WakeAsync();
        }

        var view = await grain.WakeAndRead();
        view.Escalation.Exhausted.ShouldBeTrue();
        view.Texts.ShouldContain(t => t.Role == ResponderRole.DutyOfficer, "the school level, where the police contact is, was texted");
        view.Texts.ShouldNotContain(t => t.Role == ResponderRole.Police);
        await Should.ThrowAsync<DomainRuleException>(() =>
            grain.RecordFoundAsync(Teacher, new FoundReport(fixture.Clock.GetUtcNow(), "x", "y", FoundCondition.Unharmed, false, null)));
    }
}

/// <summary>Retention reaches the missing-student facts: where, by whom and the description go; times and signs stay.</summary>
public sealed class MissingRetentionTests
{
    [Fact]
    public void AnonymisingACaseBlanksItsMissingEpisodesAndThePoliceTextsFacts()
    {
        var at = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var report = new CrisisHub.Contracts.Missing.MissingReport("s1", at, "东门外网吧", "宿管王老师", [ObservedSign.TalkedAboutSuicide], "穿红色外套", FlagSource.Teacher);
        var state = new CrisisHub.Grains.Cases.StudentCaseState();
        state.MissingEpisodes.Add(new CrisisHub.Grains.Cases.MissingEpisodeState
        {
            Number = 1, Report = report, ReportedBy = "t1", ReportedAt = at,
            Found = new CrisisHub.Contracts.Missing.FoundReport(at.AddHours(2), "河边公园", "巡警李某", CrisisHub.Contracts.Missing.FoundCondition.Distressed, false, "情绪低落"),
        });

        CrisisHub.Grains.Privacy.Anonymiser.Apply(state);

        var episode = state.MissingEpisodes.Single();
        episode.Report.LastSeenPlace.ShouldBe(CrisisHub.Grains.Privacy.Anonymiser.Removed);
        episode.Report.LastSeenBy.ShouldBe(CrisisHub.Grains.Privacy.Anonymiser.Removed);
        episode.Report.Description.ShouldBeNull();
        episode.Report.LastSeenAt.ShouldBe(at, "times stay for the reports");
        episode.Report.WarningSigns.ShouldBe([ObservedSign.TalkedAboutSuicide]);
        episode.Found!.FoundPlace.ShouldBe(CrisisHub.Grains.Privacy.Anonymiser.Removed);
        episode.Found.FoundBy.ShouldBe(CrisisHub.Grains.Privacy.Anonymiser.Removed);
        episode.Found.Note.ShouldBeNull();
    }
}
