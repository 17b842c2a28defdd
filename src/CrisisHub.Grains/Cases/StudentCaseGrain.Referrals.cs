using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Network;
using CrisisHub.Grains.Referrals;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The green channel from the case's side: the guardian's consent, the request (which builds the handoff
/// packet), and the trail of every referral event, which the referral grain reports here. A missed referral
/// deadline alerts the school level (web push and SMS); a missed follow-up check-in opens a General alert.
/// </summary>
public sealed partial class StudentCaseGrain
{
    private const int MaxName = 100;

    public async Task<CaseView> RecordConsentAsync(Actor actor, ConsentDecision decision, string guardianName, string relationship, string? note)
    {
        EnsureOpen();
        if (!Enum.IsDefined(decision)) throw DomainRuleException.Invalid("decision", "must be Consented or Refused");
        if (string.IsNullOrWhiteSpace(guardianName) || guardianName.Length > MaxName) throw DomainRuleException.Invalid("guardianName", "is required (at most 100 characters)");
        if (string.IsNullOrWhiteSpace(relationship) || relationship.Length > MaxName) throw DomainRuleException.Invalid("relationship", "is required (at most 100 characters)");
        if (note?.Length > MaxNoteLength) throw DomainRuleException.Invalid("note", $"is longer than {MaxNoteLength} characters");

        S.Consents.Add(new GuardianConsentView(decision, guardianName.Trim(), relationship.Trim(), note?.Trim(), actor.ActorId, time.GetUtcNow()));
        Audit(actor, decision == ConsentDecision.Consented ? AuditActions.GuardianConsented : AuditActions.GuardianRefused, null, $"guardian={relationship.Trim()}");
        await SaveAndPublishAsync(AlertEventKind.CaseUpdated);
        return View();
    }

    public async Task<ReferralView> RequestReferralAsync(Actor actor, ReferralOrder order)
    {
        EnsureOpen();
        if (S.Grade < CrisisGrade.Severe)
            throw DomainRuleException.Conflict($"The green channel is for Severe and Major cases; case {S.CaseId} is {S.Grade}.");
        if (S.Referrals.FirstOrDefault(r => r.Summary.Status.IsOpen()) is { } open)
            throw DomainRuleException.Conflict($"Referral {open.Summary.ReferralId} is still {open.Summary.Status}: cancel it or wait for the hospital's answer.");
        if (S.Consents.LastOrDefault() is not { Decision: ConsentDecision.Consented } consent)
            throw DomainRuleException.Conflict("Record the guardian's consent first. A refusal is recorded and respected: the green channel never forces a referral.");
        var phone = ValidateOrder(order);
        var hospital = await GrainFactory.GetGrain<IHospitalGrain>(order.HospitalId).GetAsync();
        if (hospital is null || hospital.DistrictId != S.Placement!.DistrictId)
            throw DomainRuleException.Invalid("hospitalId", "is not a designated hospital of this district");
        if (!hospital.AcceptedGrades.Contains(S.Grade))
            throw DomainRuleException.Invalid("hospitalId", $"{hospital.Name} does not take {S.Grade} referrals");

        var settings = await GrainFactory.GetGrain<IGreenChannelGrain>(S.Placement.DistrictId).GetSettingsAsync();
        var packet = await BuildPacketAsync(order, phone, consent);
        var referralId = $"{S.CaseId}-R{S.Referrals.Count + 1}";
        var now = time.GetUtcNow();
        // The referral exists before the case records it; a retry after a crash finds it by the same id.
        var view = await GrainFactory.GetGrain<IReferralGrain>(referralId).CreateAsync(new ReferralCreation(referralId, S.CaseId,
            S.Placement.SchoolId, S.Placement.DistrictId, hospital, S.Grade, packet, settings, actor, now));

        var before = Status;
        S.Referrals.Add(new ReferralLink { Summary = ReferralGrain.SummaryOf(view), LastSequence = 1 });
        // Asking for a referral is an action: the acknowledged alert stops waiting for one.
        Escalation.ActionTaken();
        Audit(actor, AuditActions.ReferralRequested, $"status={before}",
            $"status={Status}; referral={referralId}; hospital={hospital.HospitalId}; deadline={view.CurrentDeadline:O}");
        await SaveAndPublishAsync(AlertEventKind.ReferralUpdated);
        return view;
    }

    public async Task RecordReferralEventAsync(ReferralReport report)
    {
        EnsureOpened();
        var e = report.Event;
        var before = Status;
        var link = S.Referrals.FirstOrDefault(r => r.Summary.ReferralId == report.Summary.ReferralId);
        if (link is null)
        {
            // The case's own write after the request was lost; the referral is still this case's.
            link = new ReferralLink { Summary = report.Summary };
            S.Referrals.Add(link);
        }

        if (e.Sequence <= link.LastSequence) return;
        link.LastSequence = e.Sequence;
        if (report.Summary.Version >= link.Summary.Version) link.Summary = report.Summary;

        var detail = string.Join("; ", new[] { $"status={Status}", $"referral={e.Status}", e.Reason is null ? null : $"reason={e.Reason}" }.OfType<string>());
        Audit(new Actor(e.ActorId, e.ActorName, e.ActorRole), AuditActions.Referral(e.Kind), $"referral={report.Summary.ReferralId}; case={before}", detail);

        var now = time.GetUtcNow();
        AlertEventKind? kind = AlertEventKind.ReferralUpdated;
        if (Status == CaseStatus.Closed) kind = null;
        else if (e.Kind == ReferralEventKinds.DeadlineMissed) kind = AlertSchoolOfMissedDeadline(report.Summary.ReferralId, e.Sequence);
        else if (e.Kind == ReferralEventKinds.CheckInMissed) kind = await OpenFollowUpAlertAsync(e.Reason ?? "check-in", now);
        await SaveAndPublishAsync(kind);
    }

    public async Task RecordReferralReadAsync(Actor reader, string referralId)
    {
        EnsureOpened();
        await RecordReadAsync(reader, AuditActions.ReferralRead, $"referral={referralId}");
    }

    private AlertEventKind AlertSchoolOfMissedDeadline(string referralId, int sequence)
    {
        // The school level (its psychology centre, leaders and duty officer) hears of it live and by text.
        if (!S.Escalation.NotifiedNodeIds.Contains(S.Placement!.SchoolId)) S.Escalation.NotifiedNodeIds.Add(S.Placement.SchoolId);
        Outbox.PlanReferralOverdue(referralId, sequence, S.Placement.SchoolId, S.Escalation.StepIndex, S.Escalation.Round);
        return AlertEventKind.ReferralOverdue;
    }

    private async Task<AlertEventKind?> OpenFollowUpAlertAsync(string checkIn, DateTimeOffset now)
    {
        if (S.Escalation.State == AlertState.Triggered && !S.Escalation.Exhausted) return AlertEventKind.ReferralUpdated;
        Audit(Actor.System, AuditActions.FollowUpAlertRaised, null, $"{checkIn} missed: General alert");
        return await StartEscalationAsync(now, CrisisGrade.General);
    }

    private static string ValidateOrder(ReferralOrder order)
    {
        if (string.IsNullOrWhiteSpace(order.HospitalId)) throw DomainRuleException.Invalid("hospitalId", "choose a designated hospital");
        Require("reason", order.Reason);
        Require("meansAccess", order.MeansAccess);
        Require("protectiveFactors", order.ProtectiveFactors);
        if (order.SafetyPlan is not { } plan) throw DomainRuleException.Invalid("safetyPlan", "is required (the six parts of the safety plan)");
        Require("safetyPlan.warningSigns", plan.WarningSigns);
        Require("safetyPlan.internalCoping", plan.InternalCoping);
        Require("safetyPlan.peopleAndPlacesForDistraction", plan.PeopleAndPlacesForDistraction);
        Require("safetyPlan.peopleToAskForHelp", plan.PeopleToAskForHelp);
        Require("safetyPlan.professionalsAndHotlines", plan.ProfessionalsAndHotlines);
        Require("safetyPlan.makingTheEnvironmentSafe", plan.MakingTheEnvironmentSafe);
        if (string.IsNullOrWhiteSpace(order.SchoolContactName) || order.SchoolContactName.Length > MaxName)
            throw DomainRuleException.Invalid("schoolContactName", "name the school's contact for the hospital");
        if (!PhoneNumberRules.TryNormalize(order.SchoolContactPhone, out var phone))
            throw DomainRuleException.Invalid("schoolContactPhone", "is not a valid phone number");
        return phone;
    }

    private static void Require(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw DomainRuleException.Invalid(field, "is required for the handoff packet");
        if (text.Length > MaxNoteLength) throw DomainRuleException.Invalid(field, $"is longer than {MaxNoteLength} characters");
    }

    /// <summary>
    /// The minimum necessary: reporters' notes and screening results stay behind; signs travel with the
    /// window in which they were reported, actions with their times.
    /// </summary>
    private async Task<HandoffPacket> BuildPacketAsync(ReferralOrder order, string contactPhone, GuardianConsentView consent)
    {
        var student = await GrainFactory.GetGrain<IStudentGrain>(S.StudentId).GetAsync();
        var school = await GrainFactory.GetGrain<IWarningNodeGrain>(S.Placement!.SchoolId).GetAsync();
        var signs = S.Flags.Where(f => f.Source != FlagSource.Screening)
            .SelectMany(f => f.Signs.Where(s => s is not (ObservedSign.ScreeningSuicideItem or ObservedSign.ScreeningPositive)).Select(s => (Sign: s, f.SubmittedAt)))
            .GroupBy(x => x.Sign)
            .Select(g => new PacketSign(g.Key, g.Min(x => x.SubmittedAt), g.Max(x => x.SubmittedAt)))
            .OrderBy(s => s.FirstReported)
            .ToArray();
        var plan = order.SafetyPlan;
        return new HandoffPacket(S.StudentName, student?.Record.Age ?? 0, school?.Name ?? "", order.SchoolContactName.Trim(), contactPhone, S.Grade,
            order.Reason.Trim(), signs, [.. S.Actions.Select(a => new PacketAction(a.Kind, a.Note, a.At, a.ActorRole, a.ActorId))],
            new SafetyPlan(plan.WarningSigns.Trim(), plan.InternalCoping.Trim(), plan.PeopleAndPlacesForDistraction.Trim(), plan.PeopleToAskForHelp.Trim(),
                plan.ProfessionalsAndHotlines.Trim(), plan.MakingTheEnvironmentSafe.Trim()),
            order.MeansAccess.Trim(), order.ProtectiveFactors.Trim(),
            [.. (student?.Record.Guardians ?? []).Select(g => new PacketGuardian(g.Name, g.Relationship, g.Phone))], consent);
    }
}
