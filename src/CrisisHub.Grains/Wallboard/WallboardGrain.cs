using CrisisHub.Contracts.Wallboard;

namespace CrisisHub.Grains.Wallboard;

[GenerateSerializer, Alias("CrisisHub.WallboardState")]
public sealed class WallboardState
{
    [Id(0)] public Dictionary<string, AlertSummary> OpenAlerts { get; set; } = [];
}

public sealed class WallboardGrain(
    [PersistentState("wallboard", StorageNames.Wallboards)] IPersistentState<WallboardState> state) : Grain, IWallboardGrain
{
    public async Task UpsertAsync(AlertSummary alert)
    {
        // Case updates can arrive out of order (a retry after a slow call): keep the newest.
        if (state.State.OpenAlerts.TryGetValue(alert.CaseId, out var known) && known.UpdatedAt > alert.UpdatedAt) return;
        state.State.OpenAlerts[alert.CaseId] = alert;
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string caseId)
    {
        if (state.State.OpenAlerts.Remove(caseId)) await state.WriteStateAsync();
    }

    public Task<AlertSummary[]> GetOpenAlertsAsync() =>
        Task.FromResult<AlertSummary[]>([.. state.State.OpenAlerts.Values.OrderByDescending(a => a.Grade).ThenBy(a => a.OpenedAt)]);
}
