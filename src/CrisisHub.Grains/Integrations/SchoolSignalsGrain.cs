using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Integrations.Signals;
using CrisisHub.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Integrations;

[GenerateSerializer, Alias("CrisisHub.SchoolSignalsState")]
public sealed class SchoolSignalsState
{
    /// <summary>Signals awaiting a person, oldest first: each leaves when resolved, so the list is as short as the backlog.</summary>
    [Id(0)] public List<QueuedSignal> Waiting { get; set; } = [];

    /// <summary>The newest resolved signals (at most <see cref="SchoolSignalsGrain.RecentKept"/>), for the page; the chain keeps them all.</summary>
    [Id(1)] public List<QueuedSignal> RecentlyResolved { get; set; } = [];
}

/// <summary>
/// A school's matching queue of outside signals that named no student of the school. Never dropped, never guessed: a
/// signal leaves only when a person of the psychology centre matches it to a student or dismisses it with a reason.
/// Every event (received, read, matched, dismissed) is chained in "signals:{school}", without the signal's content.
/// </summary>
public sealed class SchoolSignalsGrain(
    [PersistentState("signals", StorageNames.Intake)] IPersistentState<SchoolSignalsState> state,
    IAuditLog auditLog,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, ISchoolSignalsGrain
{
    public const int RecentKept = 50;

    /// <summary>
    /// The most signals a school's queue holds waiting. The list is the grain's state, written whole on each change, so it
    /// must stay short: past this the intake refuses (409) rather than drop or slow every school's writes; the client
    /// keeps its signal and retries, and the wallboards already show the backlog.
    /// </summary>
    public const int MostWaiting = 500;

    private SchoolSignalsState S => state.State;
    private AuditStream? _chain;

    public static string StreamOf(string schoolId) => AuditAnchors.SignalsPrefix + schoolId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _chain = new AuditStream(auditLog, StreamOf(this.GetPrimaryKeyString()));
        await _chain.OpenAsync(null);
    }

    public async Task<SignalReceipt> EnqueueAsync(IncomingSignal signal, string intakeKey, string whyUnmatched)
    {
        var receipt = new SignalReceipt(signal.SignalId, SignalStatus.AwaitingMatch, signal.ReceivedAt);
        if (Find(signal.SignalId) is { } known) return ReceiptOf(known);
        if (S.Waiting.Count >= MostWaiting)
            throw DomainRuleException.Conflict($"The school's matching queue already holds {MostWaiting} signals waiting for a person: send this one again later.");
        await ChainAsync(signal.Client, "SignalReceived", $"{signal.SignalId} kind={signal.Kind} why={whyUnmatched}");
        var queued = new QueuedSignal(signal, intakeKey, whyUnmatched, null);
        await state.WriteAsync(() => S.Waiting.Add(queued), () => S.Waiting.Remove(queued));
        return receipt;
    }

    public async Task<SignalQueueView> ReadAsync(Actor reader)
    {
        await ChainAsync(reader, "SignalsRead", $"waiting={S.Waiting.Count} resolved={S.RecentlyResolved.Count}");
        return new SignalQueueView(this.GetPrimaryKeyString(), [.. S.Waiting], [.. S.RecentlyResolved.AsEnumerable().Reverse()]);
    }

    public Task<QueuedSignal?> GetAsync(string signalId) => Task.FromResult(Find(signalId));

    public async Task<QueuedSignal> ResolveAsync(string signalId, SignalResolution resolution)
    {
        if (S.RecentlyResolved.FirstOrDefault(q => q.Signal.SignalId == signalId) is { } done)
        {
            // The same resolution again (a retry after a crash between storing it and telling the submission): tell it again.
            if (done.Resolution!.Status != resolution.Status || done.Resolution.StudentId != resolution.StudentId)
                throw DomainRuleException.Conflict("This signal is already matched or dismissed.");
            await TellSubmissionAsync(done);
            return done;
        }

        var waiting = S.Waiting.FirstOrDefault(q => q.Signal.SignalId == signalId)
            ?? throw DomainRuleException.NotFound("No such signal awaiting a match.");
        if (resolution.Status is not (SignalStatus.MatchedByPerson or SignalStatus.Dismissed))
            throw new ArgumentException("A person matches or dismisses a signal.", nameof(resolution));
        // The resolved signal stays on the page's recent list without its content: the case (or the dismissal's reason) is the record.
        var resolved = waiting with { Signal = waiting.Signal.Minimised(), Resolution = resolution };
        var detail = resolution.Status == SignalStatus.Dismissed ? $"{signalId} dismissed" : $"{signalId} matched case={resolution.CaseId}";
        await ChainAsync(resolution.By, resolution.Status == SignalStatus.Dismissed ? "SignalDismissed" : "SignalMatched", detail);
        var dropped = S.RecentlyResolved.Count >= RecentKept ? S.RecentlyResolved[0] : null;
        await state.WriteAsync(
            () => { S.Waiting.Remove(waiting); S.RecentlyResolved.Add(resolved); if (dropped is not null) S.RecentlyResolved.Remove(dropped); },
            () => { S.RecentlyResolved.Remove(resolved); if (dropped is not null) S.RecentlyResolved.Insert(0, dropped); S.Waiting.Add(waiting); });
        await TellSubmissionAsync(resolved);
        return resolved;
    }

    /// <summary>The client asking after its signal now hears the outcome (the intake grain calls nothing, so no cycle).</summary>
    private Task TellSubmissionAsync(QueuedSignal resolved) => GrainFactory.GetGrain<ISignalIntakeGrain>(resolved.IntakeKey)
        .CompleteAsync(new SignalReceipt(resolved.Signal.SignalId, resolved.Resolution!.Status, resolved.Signal.ReceivedAt), resolved.Resolution.CaseId,
            resolved.Resolution.At);

    public Task<int> CountWaitingLongerThanAsync(TimeSpan age)
    {
        var cutoff = time.GetUtcNow() - age;
        return Task.FromResult(S.Waiting.Count(q => q.Signal.ReceivedAt <= cutoff));
    }

    private QueuedSignal? Find(string signalId) =>
        S.Waiting.FirstOrDefault(q => q.Signal.SignalId == signalId) ?? S.RecentlyResolved.FirstOrDefault(q => q.Signal.SignalId == signalId);

    private static SignalReceipt ReceiptOf(QueuedSignal queued) =>
        new(queued.Signal.SignalId, queued.Resolution?.Status ?? SignalStatus.AwaitingMatch, queued.Signal.ReceivedAt);

    /// <summary>The record reaches the log before anything changes or is answered; the chain names ids and kinds, never content.</summary>
    private async Task ChainAsync(Actor actor, string action, string detail)
    {
        _chain!.Add(time.GetUtcNow(), actor, action, null, detail);
        try
        {
            await _chain.AppendAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
