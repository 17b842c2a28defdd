using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Cases;
using CrisisHub.Grains.Referrals;

namespace CrisisHub.Grains.Privacy;

/// <summary>
/// What retention removes from a case or a referral once its time is up: names, phone numbers and every free text,
/// replaced in place. What reports count stays: ids, grades, statuses, signs, kinds of action, times, outcomes.
/// </summary>
public static class Anonymiser
{
    public const string Removed = "[anonymised]";

    public static void Apply(StudentCaseState s)
    {
        s.StudentName = Removed;
        s.Flags = [.. s.Flags.Select(f => f with { Note = null })];
        foreach (var episode in s.MissingEpisodes)
        {
            episode.Report = Blank(episode.Report);
            if (episode.Found is { } found) episode.Found = found with { FoundPlace = Removed, FoundBy = Removed, Note = null };
        }

        s.Actions = [.. s.Actions.Select(a => a with { Note = null, ActorName = Removed })];
        s.GradeChanges = [.. s.GradeChanges.Select(g => g with { Reason = Removed })];
        if (s.Disposition is not null) s.Disposition = Removed;
        foreach (var dispatch in s.Outbox)
            dispatch.Request = dispatch.Request with
            {
                Recipient = dispatch.Request.Recipient with { Name = Removed, Phone = "" }, SchoolName = "",
                Missing = dispatch.Request.Missing is { } facts ? facts with { LastSeenPlace = Removed, SchoolContactPhone = "" } : null,
            };
        s.GuardianConfirmations = [.. s.GuardianConfirmations.Select(c => c with { Name = Removed })];
        s.Consents = [.. s.Consents.Select(c => c with { GuardianName = Removed, Relationship = Removed, Note = null })];
        foreach (var link in s.Referrals) link.Summary = link.Summary with { MaskedName = Removed };
    }

    /// <summary>A missing-student report keeps its times and warning signs; where, by whom and the description go.</summary>
    private static Contracts.Missing.MissingReport Blank(Contracts.Missing.MissingReport report) =>
        report with { LastSeenPlace = Removed, LastSeenBy = Removed, Description = null };

    public static void Apply(ReferralState s)
    {
        if (s.Creation is { } creation)
        {
            var p = creation.Packet;
            s.Creation = creation with
            {
                Packet = p with
                {
                    StudentName = Removed,
                    SchoolContactName = Removed,
                    SchoolContactPhone = "",
                    Reason = Removed,
                    ActionsSoFar = [.. p.ActionsSoFar.Select(a => a with { Note = null })],
                    SafetyPlan = new SafetyPlan(Removed, Removed, Removed, Removed, Removed, Removed),
                    MeansAccess = Removed,
                    ProtectiveFactors = Removed,
                    Guardians = [.. p.Guardians.Select(g => new PacketGuardian(Removed, Removed, ""))],
                    Consent = p.Consent with { GuardianName = Removed, Note = null },
                },
            };
        }

        s.Events = [.. s.Events.Select(e => e with { Reason = e.Reason is null ? null : Removed, Note = null, ActorName = Removed })];
        if (s.CaringContactNote is not null) s.CaringContactNote = Removed;
        if (s.ReEntry is { } meeting)
            s.ReEntry = meeting with { SafetyPlan = Removed, Triggers = Removed, AcademicAdjustments = Removed, WhatClassmatesAreTold = Removed };
        foreach (var checkIn in s.CheckIns) checkIn.Note = null;
    }
}
