namespace CrisisHub.Contracts.Wallboard;

/// <summary>The live board of one school or district (keyed by that node's id): every open alert in scope.</summary>
public interface IWallboardGrain : IGrainWithStringKey
{
    Task UpsertAsync(AlertSummary alert);

    Task RemoveAsync(string caseId);

    Task<AlertSummary[]> GetOpenAlertsAsync();
}
