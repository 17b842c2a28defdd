using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Referrals;

/// <summary>
/// Return to school (复学): after the hospital's clearance the school records a caring contact (due within a
/// day of discharge), the re-entry meeting (which completes the referral) and the follow-up check-ins.
/// </summary>
public sealed partial class ReferralGrain
{
    private static readonly TimeSpan LatestReturn = TimeSpan.FromDays(60);
    private static readonly TimeSpan EarliestReturn = TimeSpan.FromDays(14);

    public async Task<ReferralView> RecordCaringContactAsync(Actor actor, ReferralSide side, string note)
    {
        EnsureCreated();
        EnsureSchool(side, "the caring contact");
        if (string.IsNullOrWhiteSpace(note)) throw DomainRuleException.Invalid("note", "say how the student was contacted");
        CheckText("note", note);
        if (S.DischargedAt is null) throw DomainRuleException.Conflict("The hospital has not discharged the student yet.");
        if (S.CaringContactAt is not null) throw DomainRuleException.Conflict("The caring contact is already recorded.");

        var now = time.GetUtcNow();
        S.CaringContactAt = now;
        S.CaringContactNote = note.Trim();
        Append(ReferralEventKinds.CaringContact, actor, side, null, S.CaringContactNote, now);
        EndFollowUpIfDone(now);
        await SaveAndPublishAsync(ReferralEventKinds.CaringContact);
        return View();
    }

    public async Task<ReferralView> RecordReEntryAsync(Actor actor, ReferralSide side, ReEntryInput meeting)
    {
        EnsureCreated();
        EnsureSchool(side, "the re-entry meeting");
        if (S.Status != ReferralStatus.ReturnClearance)
            throw DomainRuleException.Conflict($"Re-entry needs the hospital's return clearance first; the referral is {S.Status}.");
        Required("safetyPlan", meeting.SafetyPlan);
        Required("triggers", meeting.Triggers);
        Required("academicAdjustments", meeting.AcademicAdjustments);
        Required("whatClassmatesAreTold", meeting.WhatClassmatesAreTold);
        var now = time.GetUtcNow();
        if (meeting.ReturnDate < now - EarliestReturn || meeting.ReturnDate > now + LatestReturn)
            throw DomainRuleException.Invalid("returnDate", "must be within the last 14 days or the next 60 days");

        S.ReEntry = new ReEntryMeeting(meeting.ReturnDate, meeting.SafetyPlan.Trim(), meeting.Triggers.Trim(), meeting.AcademicAdjustments.Trim(),
            meeting.WhatClassmatesAreTold.Trim(), actor.ActorId, now);
        var settings = C.Settings;
        for (var n = 1; n <= settings.CheckInCount; n++)
            S.CheckIns.Add(new CheckInState { Number = n, DueAt = meeting.ReturnDate + settings.CheckInInterval * n });
        S.Reached.Add(new ReachedStep(ReferralStatus.Completed, now));
        Append(ReferralEventKinds.Reached(ReferralStatus.Completed), actor, side, null, $"return {meeting.ReturnDate:O}; {settings.CheckInCount} check-ins every {settings.CheckInInterval.TotalDays:0.#} days", now);
        await SaveAndPublishAsync(ReferralEventKinds.Reached(ReferralStatus.Completed));
        return View();
    }

    public async Task<ReferralView> RecordCheckInAsync(Actor actor, ReferralSide side, string? note)
    {
        EnsureCreated();
        EnsureSchool(side, "check-ins");
        CheckText("note", note);
        var next = S.CheckIns.FirstOrDefault(c => c.DoneAt is null && !c.Missed)
            ?? throw DomainRuleException.Conflict(S.CheckIns.Count == 0 ? "Check-ins start after the re-entry meeting." : "Every check-in of the plan is already done or missed.");

        var now = time.GetUtcNow();
        next.DoneAt = now;
        next.DoneBy = actor.ActorId;
        next.Note = note?.Trim();
        Append(ReferralEventKinds.CheckIn, actor, side, ReferralDeadlines.CheckIn(next.Number), next.Note, now);
        EndFollowUpIfDone(now);
        await SaveAndPublishAsync(ReferralEventKinds.CheckIn);
        return View();
    }

    /// <summary>Once nothing of the plan is owed any more, the follow-up ends (and the case may close).</summary>
    private void EndFollowUpIfDone(DateTimeOffset now)
    {
        if (S.Status != ReferralStatus.Completed || S.Events.Any(e => e.Kind == ReferralEventKinds.FollowUpEnded)) return;
        if (ReferralDeadlines.Pending(S).Any()) return;
        Append(ReferralEventKinds.FollowUpEnded, Actor.System, null, null, $"{S.CheckIns.Count(c => c.DoneAt is not null)} of {S.CheckIns.Count} check-ins done", now);
    }

    private static void Required(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw DomainRuleException.Invalid(field, "is required for the re-entry meeting");
        CheckText(field, text);
    }
}
