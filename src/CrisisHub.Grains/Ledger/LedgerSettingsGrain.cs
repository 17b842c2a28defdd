using CrisisHub.Contracts.Ledger;

namespace CrisisHub.Grains.Ledger;

[GenerateSerializer, Alias("CrisisHub.LedgerSettingsState")]
public sealed class LedgerSettingsState
{
    [Id(0)] public LedgerLevelLabels? Labels { get; set; }
}

/// <summary>A district's ledger level labels: the defaults until an administrator sets others (the server audits the change).</summary>
public sealed class LedgerSettingsGrain(
    [PersistentState("ledgersettings", StorageNames.AdminAudit)] IPersistentState<LedgerSettingsState> state) : Grain, ILedgerSettingsGrain
{
    public Task<LedgerLevelLabels> GetLabelsAsync() => Task.FromResult(state.State.Labels ?? LedgerLevelLabels.Default);

    public async Task<LedgerLevelLabels> SetLabelsAsync(LedgerLevelLabels labels)
    {
        labels.Validate();
        var trimmed = new LedgerLevelLabels([.. labels.ZhCn.Select(l => l.Trim())], [.. labels.En.Select(l => l.Trim())]);
        state.State.Labels = trimmed;
        await state.WriteStateAsync();
        return trimmed;
    }
}
