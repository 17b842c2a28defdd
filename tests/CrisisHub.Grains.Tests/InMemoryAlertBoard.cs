using CrisisHub.Contracts.Wallboard;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// The in-memory cluster's alert boards, keeping the promises of the SQLite and Redis boards (the same contract
/// suite runs against it). Shared by both silos, so every operation holds one lock.
/// </summary>
public sealed class InMemoryAlertBoard : IAlertBoard
{
    private readonly Dictionary<string, (long Version, AlertSummary Summary, string[] Scopes)> _cases = [];

    public Task ApplyAsync(AlertSummary summary, long version, IReadOnlyCollection<string> openScopes)
    {
        lock (_cases)
        {
            if (_cases.TryGetValue(summary.CaseId, out var stored) && stored.Version >= version) return Task.CompletedTask;
            _cases[summary.CaseId] = (version, summary, [.. openScopes.Distinct()]);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> CaseIdsAsync()
    {
        lock (_cases) return Task.FromResult<IReadOnlyList<string>>([.. _cases.Where(c => c.Value.Scopes.Length > 0).Select(c => c.Key)]);
    }

    public Task<BoardCount[]> OpenByGradeAsync()
    {
        lock (_cases) return Task.FromResult(AlertBoardOrder.OpenByGrade(_cases.Values.SelectMany(c => c.Scopes.Select(s => (s, c.Summary)))));
    }

    /// <summary>Puts an entry on the boards whatever version is stored, as a crash between two deltas could leave it.</summary>
    public void Plant(AlertSummary summary, long version, string[] scopes)
    {
        lock (_cases) _cases[summary.CaseId] = (version, summary, scopes);
    }

    public Task<AlertBoardPage> ReadAsync(IReadOnlyCollection<string> scopes, int skip, int take)
    {
        lock (_cases)
        {
            AlertSummary[] open = [.. _cases.Values.Where(c => c.Scopes.Intersect(scopes).Any()).Select(c => c.Summary)];
            return Task.FromResult(AlertBoardOrder.Page(open, skip, take));
        }
    }
}
