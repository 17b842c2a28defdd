using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// How a case's alert climbs the warning network: which step fires, which nodes hear of it, which of them are
/// texted, when the next deadline falls and when escalation is exhausted. A plain class over the case's
/// <see cref="EscalationState"/> and the time it is given, so every rule runs in a unit test; the grain fetches
/// policies, writes once and publishes what was decided.
/// </summary>
public sealed class AlertEscalation(EscalationState state, StudentPlacement placement, CrisisGrade grade)
{
    /// <summary>(Re)starts under <paramref name="policy"/>: raising a grade restarts notifications from the first step.</summary>
    public EscalationDecision Start(EscalationPolicy policy, DateTimeOffset now)
    {
        state.Policy = policy;
        state.StepIndex = 0;
        state.Round = 0;
        state.Exhausted = false;
        state.AcknowledgedBy = null;
        state.AcknowledgedAt = null;
        state.ActionDueAt = null;
        if (policy.Steps.Length == 0)
        {
            // The watch list raises no alert; it is reviewed in the monthly closed loop.
            state.State = state.State == AlertState.None ? AlertState.None : AlertState.Resolved;
            state.StepDeadline = null;
            return new EscalationDecision(state.NotifiedNodeIds.Count > 0 ? AlertEventKind.CaseUpdated : null, [], null);
        }

        state.State = AlertState.Triggered;
        state.AcknowledgedSinceRaised = false;
        return FireStep(now, AuditActions.AlertRaised, AlertEventKind.Raised, []);
    }

    /// <summary>Lowering keeps the alert where it is but lets the lower grade's policy govern what follows.</summary>
    public EscalationDecision LowerGrade(EscalationPolicy policy)
    {
        state.Policy = policy;
        if (policy.Steps.Length == 0)
        {
            if (state.State is AlertState.Triggered or AlertState.Acknowledged) state.State = AlertState.Resolved;
            state.StepDeadline = null;
            state.ActionDueAt = null;
        }
        else
        {
            state.StepIndex = Math.Min(state.StepIndex, policy.Steps.Length - 1);
            state.Round = Math.Min(state.Round, policy.Repeats);
        }

        return new EscalationDecision(AlertEventKind.CaseUpdated, [], null);
    }

    /// <summary>Stops the clock and waits for an action; returns the step it was acknowledged at, with the deadline it beat.</summary>
    public AuditStep Acknowledge(string actorId, DateTimeOffset now)
    {
        var step = CurrentStep(state.StepDeadline);
        state.State = AlertState.Acknowledged;
        state.AcknowledgedBy = actorId;
        state.AcknowledgedAt = now;
        state.AcknowledgedSinceRaised = true;
        state.StepDeadline = null;
        state.ActionDueAt = now + (state.Policy?.ActionWithin ?? TimeSpan.FromHours(2));
        return step;
    }

    /// <summary>Someone helped (an action, a referral): the acknowledged alert stops waiting for it.</summary>
    public void ActionTaken() => state.ActionDueAt = null;

    /// <summary>The case is closed: nothing is due any more.</summary>
    public void Resolve()
    {
        state.State = AlertState.Resolved;
        state.StepDeadline = null;
        state.ActionDueAt = null;
    }

    /// <summary>What the deadlines due by <paramref name="now"/> call for; nothing when none has passed (a double firing is harmless).</summary>
    public EscalationDecision Evaluate(DateTimeOffset now)
    {
        if (state.State == AlertState.Triggered && !state.Exhausted && state.StepDeadline <= now) return Advance(now, []);
        if (state.State != AlertState.Acknowledged || !(state.ActionDueAt <= now)) return EscalationDecision.Nothing;

        // Acknowledging is not helping: with no action recorded in time, the alert triggers again.
        EscalationRecord retriggered = new(AuditActions.AlertRetriggered, $"acknowledgedBy={state.AcknowledgedBy}", "no action recorded in time", null);
        state.State = AlertState.Triggered;
        state.ActionDueAt = null;
        state.AcknowledgedBy = null;
        state.AcknowledgedAt = null;
        return FireStep(now, AuditActions.AlertRenotified, AlertEventKind.Retriggered, [retriggered]);
    }

    /// <summary>
    /// Nobody texted at <paramref name="firing"/> can be reached: waiting out its deadline would only lose time,
    /// so the next step fires now — if that firing is still the one the alert waits on.
    /// </summary>
    public EscalationDecision StepUnreachable(int firing, DateTimeOffset now)
    {
        if (state.State != AlertState.Triggered || state.Exhausted || firing != state.Firings) return EscalationDecision.Nothing;
        EscalationRecord unreachable = new(AuditActions.StepUnreachable, null, "every recipient of the step is unreachable by text", CurrentStep(state.StepDeadline));
        return Advance(now, [unreachable]);
    }

    /// <summary>The step the alert stands at, as the trail records it (counted from 0, like the case view).</summary>
    public AuditStep CurrentStep(DateTimeOffset? deadline)
    {
        var steps = state.Policy?.Steps ?? [];
        var levels = steps.Length > 0 ? steps[Math.Min(state.StepIndex, steps.Length - 1)].Levels : [];
        return new AuditStep(state.StepIndex, state.Round, steps.Length, levels, deadline);
    }

    private EscalationDecision Advance(DateTimeOffset now, EscalationRecord[] before)
    {
        var policy = state.Policy!;
        var (step, round) = state.StepIndex + 1 < policy.Steps.Length ? (state.StepIndex + 1, state.Round) : (0, state.Round + 1);
        if (round > policy.Repeats)
        {
            // The record keeps the step and round it ended on and the deadline nobody met.
            EscalationRecord exhausted = new(AuditActions.EscalationExhausted, null, "nobody acknowledged after every step and repeat", CurrentStep(state.StepDeadline));
            state.Exhausted = true;
            state.StepDeadline = null;
            return new EscalationDecision(AlertEventKind.Exhausted, [.. before, exhausted], null);
        }

        state.StepIndex = step;
        state.Round = round;
        return FireStep(now, AuditActions.AlertEscalated, AlertEventKind.Escalated, before);
    }

    private EscalationDecision FireStep(DateTimeOffset now, string action, AlertEventKind kind, EscalationRecord[] before)
    {
        var step = state.Policy!.Steps[state.StepIndex];
        // A level the student has no node at (no dormitory room) is skipped; the others still fire.
        var nodeIds = step.Levels.Select(placement.NodeAt).OfType<string>().Distinct().ToArray();
        foreach (var nodeId in nodeIds.Where(id => !state.NotifiedNodeIds.Contains(id))) state.NotifiedNodeIds.Add(nodeId);

        state.StepDeadline = now + step.AcknowledgeWithin;
        if (action != AuditActions.AlertEscalated) state.RaisedAt = now;
        state.Firings++;
        var texts = step.Channels.Contains(DeliveryChannel.Sms) ? new StepTexts(nodeIds, state.Firings, state.StepIndex, state.Round) : null;
        EscalationRecord fired = new(action, null, $"grade={grade}", CurrentStep(state.StepDeadline));
        return new EscalationDecision(kind, [.. before, fired], texts, nodeIds);
    }
}

/// <summary>
/// What the escalation decided: the live event to publish (null: nothing to tell), the trail's records in order, the texts to
/// send, and the nodes a step fired at just now (their people get the step's Web Push, whatever its SMS channel says).
/// </summary>
public sealed record EscalationDecision(AlertEventKind? Kind, IReadOnlyList<EscalationRecord> Records, StepTexts? Texts, IReadOnlyList<string>? FiredNodeIds = null)
{
    public static EscalationDecision Nothing { get; } = new(null, [], null);
}

/// <summary>One audit record the escalation asks for; the system is its actor.</summary>
public sealed record EscalationRecord(string Action, string? Before, string? After, AuditStep? Step);

/// <summary>Text the on-duty responders of these nodes about firing <paramref name="Firing"/> (at step and round, counted from 0).</summary>
public sealed record StepTexts(IReadOnlyList<string> NodeIds, int Firing, int StepIndex, int Round);
