using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Wallboard;

namespace CrisisHub.Grains.Tests;

/// <summary>The green channel on fake time: deadlines, the two sides' steps, decline and re-route, return to school.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReferralTests(ClusterFixture fixture)
{
    private static readonly Actor Teacher = TestNetwork.HeadTeacher;
    private static readonly Actor Desk = new("desk-1", "Desk", ResponderRole.HospitalLiaison);
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly Contracts.Wallboard.IAlertBoard _board = fixture.Board;
    private readonly RecordingNotifier _notes = fixture.Notifier;

    private sealed record Setup(TestNetwork Net, string CaseId, string Hospital, string OtherHospital);

    private async Task<Setup> MajorCaseAsync(bool consent = true)
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var hospitals = new[] { $"h1-{net.District}", $"h2-{net.District}" };
        foreach (var id in hospitals)
            await _grains.GetGrain<IHospitalGrain>(id).DefineAsync(new HospitalDefinition(id, net.District, $"Hospital {id}", "+12025550188",
                [CrisisGrade.Severe, CrisisGrade.Major], "24/7", []));
        var screening = net.Flag(ObservedSign.ScreeningSuicideItem) with { Source = FlagSource.Screening, Reporter = Actor.System };
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.SaidTheyIntendToAct))).CaseId;
        await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(screening);
        await Case(caseId).AcknowledgeAsync(Teacher);
        if (consent) await Case(caseId).RecordConsentAsync(Teacher, ConsentDecision.Consented, "王父", "father", "agreed by phone");
        return new Setup(net, caseId, hospitals[0], hospitals[1]);
    }

    private static ReferralOrder Order(string hospitalId) => new(hospitalId, "Stated intent with a plan this morning",
        new SafetyPlan("withdrawal", "music", "library", "head teacher", "hotline 12356", "belt removed"), "no access at school",
        "close to her sister", "Ms Li", "+12025550177");

    private IStudentCaseGrain Case(string id) => _grains.GetGrain<IStudentCaseGrain>(id);

    private IReferralGrain Referral(string id) => _grains.GetGrain<IReferralGrain>(id);

    private async Task<ReferralView> StepsAsync(string referralId, params ReferralStatus[] steps)
    {
        ReferralView view = null!;
        foreach (var step in steps)
            view = await Referral(referralId).MoveAsync(Desk, ReferralSide.Hospital, step, null, $"{step} noted",
                step == ReferralStatus.Admitted ? true : null);
        return view;
    }

    [Fact]
    public async Task TheWholePathOnFakeTime_OverdueAcceptAlertsTheSchool_DeclineReroutes_MissedCheckInOpensAGeneralAlert()
    {
        var (net, caseId, hospital, otherHospital) = await MajorCaseAsync();
        var requestedAt = fixture.Clock.GetUtcNow();

        var first = await Case(caseId).RequestReferralAsync(Teacher, Order(hospital));
        first.Status.ShouldBe(ReferralStatus.Requested);
        first.CurrentDeadline.ShouldBe(requestedAt + TimeSpan.FromMinutes(30), "Major: accept within 30 minutes");
        first.Packet.Signs.Select(s => s.Sign).ShouldBe([ObservedSign.SaidTheyIntendToAct], "screening history stays behind");
        first.Packet.Guardians.Single().Phone.ShouldBe("+12025550156");
        first.Packet.Consent.Decision.ShouldBe(ConsentDecision.Consented);
        (await Case(caseId).ReadAsync(Teacher)).Status.ShouldBe(CaseStatus.Referred);
        _notes.ForHospital(hospital).ShouldContain(n => n.Referral.ReferralId == first.ReferralId && n.Kind == "Requested");

        // One minute early nothing happens; at the deadline the school level hears of it, live and by text.
        fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        await Referral(first.ReferralId).WakeAsync();
        (await Referral(first.ReferralId).ReadAsync(Desk)).Overdue.ShouldBeFalse();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var overdue = await _notes.WaitForAsync(caseId, AlertEventKind.ReferralOverdue);
        overdue.NodeIds.ShouldContain(net.School);
        overdue.Alert.Referral!.Overdue.ShouldBeTrue();
        var afterMiss = await Case(caseId).ReadAsync(Teacher);
        afterMiss.Texts.ShouldContain(t => t.Firing == -1 && t.RecipientId == $"{net.School}-r", "the duty officer at the school gets a text");
        (await _board.ReadAsync([BoardScope.Wall(net.School)], 0, 1000)).Alerts.Single(a => a.CaseId == caseId).Referral!.Overdue.ShouldBeTrue();

        // The hospital declines: the school chooses another hospital while the case alert stays open.
        var declined = await Referral(first.ReferralId).MoveAsync(Desk, ReferralSide.Hospital, ReferralStatus.Declined, "no beds tonight", "try the other", null);
        declined.Overdue.ShouldBeFalse("a declined referral owes nothing more");
        var between = await Case(caseId).ReadAsync(Teacher);
        between.Status.ShouldBe(CaseStatus.InIntervention);
        between.Escalation.State.ShouldBe(AlertState.Acknowledged);
        (await _board.ReadAsync([BoardScope.Wall(net.School)], 0, 1000)).Alerts.ShouldContain(a => a.CaseId == caseId);

        var second = await Case(caseId).RequestReferralAsync(Teacher, Order(otherHospital));
        second.ReferralId.ShouldBe($"{caseId}-R2");
        await StepsAsync(second.ReferralId, ReferralStatus.Received, ReferralStatus.Accepted, ReferralStatus.StudentInTransit, ReferralStatus.Arrived);
        (await Case(caseId).ReadAsync(Teacher)).Status.ShouldBe(CaseStatus.InTreatment);
        var cleared = await StepsAsync(second.ReferralId, ReferralStatus.Evaluated, ReferralStatus.Admitted, ReferralStatus.Discharged, ReferralStatus.ReturnClearance);
        cleared.AdmissionConsented.ShouldBe(true);
        cleared.Return.CaringContactDueAt.ShouldBe(cleared.Return.DischargedAt + TimeSpan.FromHours(24));

        await Referral(second.ReferralId).RecordCaringContactAsync(Teacher, ReferralSide.School, "called the family the same evening");
        var returnDate = fixture.Clock.GetUtcNow();
        var completed = await Referral(second.ReferralId).RecordReEntryAsync(Teacher, ReferralSide.School,
            new ReEntryInput(returnDate, "updated plan", "exam weeks", "reduced homework", "she was unwell and is back"));
        completed.Status.ShouldBe(ReferralStatus.Completed);
        completed.Return.CheckIns.Select(c => c.DueAt).ShouldBe([.. Enumerable.Range(1, 4).Select(n => returnDate + TimeSpan.FromDays(7 * n))]);
        (await Case(caseId).ReadAsync(Teacher)).Status.ShouldBe(CaseStatus.ReturnedToSchool);

        fixture.Clock.Advance(TimeSpan.FromDays(6));
        await Referral(second.ReferralId).RecordCheckInAsync(Teacher, ReferralSide.School, "doing well");
        var raisedBefore = _notes.For(caseId).Count(n => n.Kind == AlertEventKind.Raised);
        fixture.Clock.Advance(TimeSpan.FromDays(8));
        var followUp = await _notes.WaitForAsync(caseId, AlertEventKind.Raised, occurrence: raisedBefore + 1);

        followUp.Alert.AlertState.ShouldBe(AlertState.Triggered);
        var final = await Case(caseId).ReadAsync(Teacher);
        final.Escalation.State.ShouldBe(AlertState.Triggered);
        var general = await _grains.GetGrain<IWarningNodeGrain>(net.School).GetPolicyAsync(CrisisGrade.General);
        final.Escalation.CurrentLevels.ShouldBe(general.Steps[0].Levels, "the school's General policy runs from its first step");
        final.Grade.ShouldBe(CrisisGrade.Major, "the alert is General; the case keeps its grade");
        var audit = await Case(caseId).ReadAuditAsync(Teacher);
        audit.Verification.Intact.ShouldBeTrue();
        var actions = audit.Records.Select(r => r.Action).ToList();
        foreach (var action in new[] { "GuardianConsented", "ReferralRequested", "ReferralDeadlineMissed", "ReferralDeclined", "ReferralAccepted",
                     "ReferralArrived", "ReferralAdmitted", "ReferralReturnClearance", "ReferralCaringContact", "ReferralCompleted",
                     "ReferralCheckIn", "ReferralCheckInMissed", "FollowUpAlertRaised" })
            actions.ShouldContain(action);
        audit.Records.Single(r => r.Action == "ReferralDeclined").ActorRole.ShouldBe(nameof(ResponderRole.HospitalLiaison));
    }

    [Fact]
    public async Task SevereClocksStartAtTheStepTheyNameAndAMissedCaringContactAlertsTheSchool()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var hospital = $"h1-{net.District}";
        await _grains.GetGrain<IHospitalGrain>(hospital).DefineAsync(new HospitalDefinition(hospital, net.District, "Day clinic", "+12025550188",
            [CrisisGrade.Severe], "Mon-Fri", []));
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.SelfHarm))).CaseId;
        await Case(caseId).AcknowledgeAsync(Teacher);
        await Case(caseId).RecordConsentAsync(Teacher, ConsentDecision.Consented, "王父", "father", null);

        var requested = await Case(caseId).RequestReferralAsync(Teacher, Order(hospital));
        requested.CurrentDeadline.ShouldBe(fixture.Clock.GetUtcNow() + TimeSpan.FromHours(2), "Severe: accept within 2 h");
        fixture.Clock.Advance(TimeSpan.FromMinutes(90));
        var accepted = await StepsAsync(requested.ReferralId, ReferralStatus.Accepted);
        accepted.CurrentDeadline.ShouldBe(fixture.Clock.GetUtcNow() + TimeSpan.FromHours(24), "Severe: evaluation within 24 h of acceptance");
        var discharged = await StepsAsync(requested.ReferralId, ReferralStatus.Arrived, ReferralStatus.Evaluated, ReferralStatus.Outpatient);
        discharged.CurrentDeadline.ShouldBe(fixture.Clock.GetUtcNow() + TimeSpan.FromHours(24), "a caring contact within 24 h of discharge");
        discharged.Overdue.ShouldBeFalse();

        fixture.Clock.Advance(TimeSpan.FromHours(24));
        var overdue = await _notes.WaitForAsync(caseId, AlertEventKind.ReferralOverdue);
        overdue.NodeIds.ShouldContain(net.School);
        var view = await Referral(requested.ReferralId).ReadAsync(Teacher);
        view.Events.ShouldContain(e => e.Kind == "DeadlineMissed" && e.Reason == "CaringContact");
        view.Overdue.ShouldBeTrue("it stays owed until it is recorded");
        (await Referral(requested.ReferralId).RecordCaringContactAsync(Teacher, ReferralSide.School, "called late")).Overdue.ShouldBeFalse();
    }

    [Fact]
    public async Task EachSideMayTakeOnlyItsOwnSteps()
    {
        var (_, caseId, hospital, _) = await MajorCaseAsync();
        var id = (await Case(caseId).RequestReferralAsync(Teacher, Order(hospital))).ReferralId;
        var r = Referral(id);

        async Task<RuleKind> Refused(Func<Task> act) => (await Should.ThrowAsync<DomainRuleException>(act)).Kind;

        (await Refused(() => r.MoveAsync(Teacher, ReferralSide.School, ReferralStatus.Accepted, null, null, null))).ShouldBe(RuleKind.Conflict);
        (await Refused(() => r.MoveAsync(Desk, ReferralSide.Hospital, ReferralStatus.Cancelled, "x", null, null))).ShouldBe(RuleKind.Conflict);
        (await Refused(() => r.MoveAsync(Desk, ReferralSide.Hospital, ReferralStatus.Arrived, null, null, null))).ShouldBe(RuleKind.Conflict);
        (await Refused(() => r.MoveAsync(Desk, ReferralSide.Hospital, ReferralStatus.Declined, " ", null, null))).ShouldBe(RuleKind.Invalid);
        (await Refused(() => r.RecordReEntryAsync(Teacher, ReferralSide.School, new ReEntryInput(fixture.Clock.GetUtcNow(), "a", "b", "c", "d")))).ShouldBe(RuleKind.Conflict);
        (await Refused(() => r.RecordCaringContactAsync(Desk, ReferralSide.Hospital, "called"))).ShouldBe(RuleKind.Conflict);
        (await Refused(() => Case(caseId).RequestReferralAsync(Teacher, Order(hospital)))).ShouldBe(RuleKind.Conflict, "one open referral at a time");
        (await Refused(() => Case(caseId).CloseAsync(Teacher, "done"))).ShouldBe(RuleKind.Conflict, "the case cannot close under an open referral");

        await StepsAsync(id, ReferralStatus.Accepted, ReferralStatus.Arrived, ReferralStatus.Evaluated);
        (await Refused(() => r.MoveAsync(Desk, ReferralSide.Hospital, ReferralStatus.Admitted, null, null, admissionConsented: false))).ShouldBe(RuleKind.Invalid,
            "admission is voluntary: never without the guardian's consent");
        (await Refused(() => r.MoveAsync(Teacher, ReferralSide.School, ReferralStatus.Discharged, null, null, null))).ShouldBe(RuleKind.Conflict);

        var cancelled = await r.MoveAsync(Teacher, ReferralSide.School, ReferralStatus.Cancelled, "family took her to another city", null, null);
        cancelled.Status.ShouldBe(ReferralStatus.Cancelled);
        (await Refused(() => r.MoveAsync(Desk, ReferralSide.Hospital, ReferralStatus.Outpatient, null, null, null))).ShouldBe(RuleKind.Conflict);
        (await Case(caseId).ReadAsync(Teacher)).Status.ShouldBe(CaseStatus.InIntervention);
    }

    /// <summary>Written out independently of the product's table: who may move a referral from where to where.</summary>
    private static ReferralSide? Expected(ReferralStatus from, ReferralStatus to)
    {
        const ReferralSide H = ReferralSide.Hospital;
        var open = from is not (ReferralStatus.Completed or ReferralStatus.Declined or ReferralStatus.Cancelled or ReferralStatus.Failed);
        if (!open) return null;
        if (to == ReferralStatus.Cancelled) return ReferralSide.School;
        if (to == ReferralStatus.Failed) return H;
        return (from, to) switch
        {
            (ReferralStatus.Requested, ReferralStatus.Received or ReferralStatus.Accepted or ReferralStatus.Declined) => H,
            (ReferralStatus.Received, ReferralStatus.Accepted or ReferralStatus.Declined) => H,
            (ReferralStatus.Accepted, ReferralStatus.StudentInTransit or ReferralStatus.Arrived) => H,
            (ReferralStatus.StudentInTransit, ReferralStatus.Arrived) => H,
            (ReferralStatus.Arrived, ReferralStatus.Evaluated) => H,
            (ReferralStatus.Evaluated, ReferralStatus.Admitted or ReferralStatus.Outpatient or ReferralStatus.Discharged) => H,
            (ReferralStatus.Admitted, ReferralStatus.Discharged) => H,
            (ReferralStatus.Outpatient or ReferralStatus.Discharged, ReferralStatus.ReturnClearance) => H,
            _ => null, // Completed is reached only through the school's re-entry meeting.
        };
    }

    [Fact]
    public async Task EveryTransitionIsRefusedToTheOtherSideAndEveryUnlistedOneToBoth()
    {
        var (_, caseId, hospital, _) = await MajorCaseAsync();
        var r = Referral((await Case(caseId).RequestReferralAsync(Teacher, Order(hospital))).ReferralId);
        var path = new[] { ReferralStatus.Received, ReferralStatus.Accepted, ReferralStatus.StudentInTransit, ReferralStatus.Arrived,
            ReferralStatus.Evaluated, ReferralStatus.Admitted, ReferralStatus.Discharged, ReferralStatus.ReturnClearance };
        var at = ReferralStatus.Requested;
        var checkedMoves = 0;
        foreach (var next in path.Append(ReferralStatus.Cancelled))
        {
            foreach (var to in Enum.GetValues<ReferralStatus>().Where(s => s != at))
            {
                var allowed = Expected(at, to);
                foreach (var side in new[] { ReferralSide.School, ReferralSide.Hospital }.Where(s => s != allowed))
                {
                    var actor = side == ReferralSide.School ? Teacher : Desk;
                    var error = await Should.ThrowAsync<DomainRuleException>(() => r.MoveAsync(actor, side, to, "reason", null, true),
                        $"{side} moving {at} → {to}");
                    error.Kind.ShouldBe(RuleKind.Conflict, $"{side} moving {at} → {to}");
                    checkedMoves++;
                }
            }

            var by = Expected(at, next)!.Value;
            (await r.MoveAsync(by == ReferralSide.School ? Teacher : Desk, by, next, "reason", null, true)).Status.ShouldBe(next);
            at = next;
        }

        checkedMoves.ShouldBeGreaterThan(150);
        (await Case(caseId).ReadAuditAsync(Teacher)).Verification.Intact.ShouldBeTrue("refusals change nothing");
    }

    [Fact]
    public async Task AReferralNeedsSevereOrMajorTheGuardiansConsentAndAHospitalThatTakesTheGrade()
    {
        var (net, caseId, hospital, _) = await MajorCaseAsync(consent: false);
        var error = await Should.ThrowAsync<DomainRuleException>(() => Case(caseId).RequestReferralAsync(Teacher, Order(hospital)));
        error.Kind.ShouldBe(RuleKind.Conflict);

        await Case(caseId).RecordConsentAsync(Teacher, ConsentDecision.Refused, "王父", "father", "wants to see the school counsellor first");
        (await Should.ThrowAsync<DomainRuleException>(() => Case(caseId).RequestReferralAsync(Teacher, Order(hospital)))).Kind.ShouldBe(RuleKind.Conflict,
            "a refusal is recorded and respected");

        await Case(caseId).RecordConsentAsync(Teacher, ConsentDecision.Consented, "王父", "father", null);
        var severeOnly = $"h3-{net.District}";
        await _grains.GetGrain<IHospitalGrain>(severeOnly).DefineAsync(new HospitalDefinition(severeOnly, net.District, "Day clinic", "+12025550189",
            [CrisisGrade.Severe], "Mon-Fri", []));
        (await Should.ThrowAsync<DomainRuleException>(() => Case(caseId).RequestReferralAsync(Teacher, Order(severeOnly)))).Errors.Keys.ShouldContain("hospitalId");
        (await Should.ThrowAsync<DomainRuleException>(() => Case(caseId).RequestReferralAsync(Teacher, Order(hospital) with { SchoolContactPhone = "12" })))
            .Errors.Keys.ShouldContain("schoolContactPhone");
        (await Case(caseId).ReadAsync(Teacher)).Referrals.ShouldBeEmpty("nothing is half-written by a refused request");

        await Case(caseId).ChangeGradeAsync(Teacher, CrisisGrade.General, "calmer after talking");
        (await Should.ThrowAsync<DomainRuleException>(() => Case(caseId).RequestReferralAsync(Teacher, Order(hospital)))).Kind.ShouldBe(RuleKind.Conflict);
    }

    [Fact]
    public async Task DistrictSettingsSetTheDeadlinesAndRefuseNonsense()
    {
        var (net, caseId, hospital, _) = await MajorCaseAsync();
        var channel = _grains.GetGrain<IGreenChannelGrain>(net.District);
        var backwards = GreenChannelSettings.Default with { Major = [new(ReferralStatus.Requested, ReferralStatus.Accepted, TimeSpan.FromMinutes(5))] };
        (await Should.ThrowAsync<DomainRuleException>(() => channel.SetSettingsAsync(backwards))).Errors.Keys.ShouldContain("major");
        (await Should.ThrowAsync<DomainRuleException>(() => channel.SetSettingsAsync(GreenChannelSettings.Default with { CheckInCount = 0 })))
            .Errors.Keys.ShouldContain("checkInCount");
        (await channel.GetSettingsAsync()).Major[0].Within.ShouldBe(TimeSpan.FromMinutes(30), "a refused change leaves the settings as they were");

        await channel.SetSettingsAsync(GreenChannelSettings.Default with { Major = [new(ReferralStatus.Accepted, ReferralStatus.Requested, TimeSpan.FromMinutes(10))] });
        var requestedAt = fixture.Clock.GetUtcNow();
        var view = await Case(caseId).RequestReferralAsync(Teacher, Order(hospital));
        view.CurrentDeadline.ShouldBe(requestedAt + TimeSpan.FromMinutes(10));
    }
}
