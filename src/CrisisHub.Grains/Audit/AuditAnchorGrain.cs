using CrisisHub.Contracts.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// The installation's daily anchor. One job for the whole installation rather than one per district: nothing lists the
/// districts, every case stream is found by one listing of the log anyway, and one reminder is one thing to watch. Each
/// anchor names every head's district, so a district's verification reads its own part. The anchor stream in the log is
/// the job's only state: the last trustworthy anchor's time says whether a day has passed.
/// </summary>
public sealed partial class AuditAnchorGrain(
    IAuditLog log,
    AnchorKeyRing keys,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<AuditAnchorGrain> logger) : Grain, IAuditAnchorGrain, IRemindable
{
    public const string ReminderName = "audit-anchor";
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>How often the reminder looks at the clock: the anchor is at most this late.</summary>
    public static readonly TimeSpan TickEvery = TimeSpan.FromMinutes(10);

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(ReminderName) is null) await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TickEvery);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName || !DailyJobWindow.IsOpen(time.GetUtcNow())) return;
        try
        {
            await AnchorIfDueAsync();
        }
        catch (Exception exception)
        {
            // The next tick tries again; verification reports the anchors as stale if this goes on.
            LogAnchorFailed(exception);
        }
    }

    public async Task<AnchorView?> AnchorIfDueAsync()
    {
        var ledger = AnchorLedger.Read(await log.ReadAsync(AuditAnchors.Stream), keys);
        var now = time.GetUtcNow();
        if (ledger.LatestTrustedAt is { } last && now - last < Period) return null;

        var heads = await MovedHeadsAsync(ledger, new AuditChainReader(log, GrainFactory));
        var sequence = (ledger.Head?.Sequence ?? 0) + 1;
        var anchor = keys.Sign(new AuditAnchor(sequence, now, "", [.. heads], ""));
        var record = AuditChain.Next(ledger.Head, now, Actor.System, AuditAnchors.Action, null, AnchorLedger.Serialize(anchor));
        await log.AppendAsync(AuditAnchors.Stream, [record]);
        LogAnchored(sequence, heads.Count, anchor.KeyId);
        return new AnchorView(sequence, now, anchor.KeyId, heads.Count, SignatureValid: true);
    }

    /// <summary>The head of every chain whose head is not the one the anchors already hold, in a stable order.</summary>
    private static async Task<List<AnchoredHead>> MovedHeadsAsync(AnchorLedger ledger, AuditChainReader chains)
    {
        var caseChains = await chains.LogChainsAsync();
        var placed = await chains.DistrictsOfAsync(caseChains.Where(c => ledger.DistrictOf(c) is null));
        var caseHeads = await AuditChainReader.InBatchesAsync(caseChains, chain =>
            (ledger.DistrictOf(chain) ?? placed.GetValueOrDefault(chain)) is { } district
                ? chains.LogHeadAsync(chain, district)
                : Task.FromResult<AnchoredHead?>(null));

        var districts = caseHeads.OfType<AnchoredHead>().Select(h => h.DistrictId)
            .Concat(ledger.Districts)
            .Concat(await chains.AdministeredDistrictsAsync())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var adminHeads = await AuditChainReader.InBatchesAsync(districts, chains.AdminHeadAsync);

        return
        [
            .. caseHeads.Concat(adminHeads).OfType<AnchoredHead>()
                .Where(h => ledger.LatestTrusted(h.Chain) is not { } anchored || anchored.Sequence != h.Sequence || anchored.Hash != h.Hash)
                .OrderBy(h => h.Chain, StringComparer.Ordinal),
        ];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit anchor {Sequence} signed with key {KeyId}: {Count} chain heads that moved")]
    private partial void LogAnchored(long sequence, int count, string keyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily audit anchor failed; the next tick tries again")]
    private partial void LogAnchorFailed(Exception exception);
}
