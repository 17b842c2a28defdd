using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Missing;
using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// A missing student (失联): the report opens an episode, raises the alarm and tells the school's police contact; "found"
/// closes the episode, stops the alarm's escalation at once and tells everyone who was texted. The case stays open.
/// </summary>
public sealed partial class StudentCaseGrain
{
    private MissingEpisodeState? OpenMissingEpisode => S.MissingEpisodes.Count > 0 && S.MissingEpisodes[^1].Open ? S.MissingEpisodes[^1] : null;

    /// <summary>Opens an episode and decides the police text, in the same write as the flag.</summary>
    private void StartMissingEpisode(FlagSubmission flag, MissingReport report, DateTimeOffset now)
    {
        var episode = new MissingEpisodeState
        {
            Number = S.MissingEpisodes.Count + 1, Report = report, ReportedBy = flag.Reporter.ActorId, ReportedAt = now,
        };
        S.MissingEpisodes.Add(episode);
        // Times and counts only: the place and the description stay out of the trail's before/after.
        Audit(flag.Reporter, AuditActions.StudentMissingReported, null,
            $"episode={episode.Number}; flag={flag.FlagId}; lastSeenAt={report.LastSeenAt:O}; warningSigns={report.WarningSigns.Length}; source={report.Source}");
        Outbox.PlanMissingPolice(S.CaseId, episode.Number, S.Placement!.SchoolId);
    }

    public async Task<CaseView> RecordFoundAsync(Actor actor, FoundReport found, DateTimeOffset? reportedNoLaterThan = null)
    {
        EnsureOpen();
        var now = time.GetUtcNow();
        var errors = found.Validate(now);
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The found report is not valid.", errors);
        if (OpenMissingEpisode is not { } episode)
        {
            // A retry of the same "found" answers as the first did; any other is a conflict.
            if (S.MissingEpisodes.LastOrDefault()?.Found == found) return View();
            throw DomainRuleException.Conflict($"Case {S.CaseId} has no missing student to report found.");
        }

        if (reportedNoLaterThan is { } bound && episode.ReportedAt > bound)
            throw DomainRuleException.Conflict("The student this report was about was found before; a later report is open and the school handles it.");

        episode.Found = found;
        episode.FoundRecordedBy = actor.ActorId;
        episode.FoundRecordedAt = now;
        Audit(actor, AuditActions.StudentFound, $"episode={episode.Number}; open",
            $"episode={episode.Number}; foundAt={found.FoundAt:O}; condition={found.Condition}; hospitalNeeded={found.HospitalNeeded}");

        // Finding the student stops the alarm climbing now. A person of the school who found them has also seen the alert
        // and helped, so no deadline re-triggers it. An outside system (the police's client) is no one at the school: the
        // alert is acknowledged in its name, but it owns nothing and the action deadline stays, so a school adult must
        // still act on the case or the alert comes back.
        var kind = AlertEventKind.CaseUpdated;
        if (S.Escalation.State == AlertState.Triggered)
        {
            Acknowledge(actor, now);
            kind = AlertEventKind.Acknowledged;
        }

        if (actor.Role is not null) Escalation.ActionTaken();
        Outbox.AddressFound(S.CaseId, episode.Number, S.Grade, now, Synthetic);
        await SaveAndPublishAsync(kind);
        return View();
    }
}
