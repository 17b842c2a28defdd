using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Wallboard;

/// <summary>
/// The open alerts as inboxes and wallboards read them: a read model kept per scope (a node's id — the
/// nodes an alert reached, its school and its district), updated by one small delta per case change,
/// never by rewriting a list, and read by query, a page at a time, with exact counts.
/// </summary>
public interface IAlertBoard
{
    /// <summary>
    /// Records a case's latest summary as open at <paramref name="openScopes"/> and at no other scope (an empty
    /// set takes the case off every board). A version not newer than the one stored is ignored, so a late
    /// retry never brings back an older picture.
    /// </summary>
    Task ApplyAsync(AlertSummary summary, long version, IReadOnlyCollection<string> openScopes);

    /// <summary>
    /// The open alerts at any of <paramref name="scopes"/> (each case once), most severe first, then oldest
    /// first; <paramref name="skip"/> and <paramref name="take"/> page them, the counts cover them all.
    /// </summary>
    Task<AlertBoardPage> ReadAsync(IReadOnlyCollection<string> scopes, int skip, int take);

    /// <summary>Every case on at least one board (for the start-up repair of boards a crash left behind).</summary>
    Task<IReadOnlyList<string>> CaseIdsAsync();

    /// <summary>
    /// The cases open on any wallboard, each once, by grade (most severe first): the open-case gauge. The canary's
    /// synthetic district is not counted.
    /// </summary>
    Task<BoardCount[]> OpenByGradeAsync();
}

/// <summary>One page of a board and the counts of the whole board.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AlertBoardPage")]
public sealed record AlertBoardPage(
    [property: Id(0)] AlertSummary[] Alerts,
    [property: Id(1)] int Total,
    [property: Id(2)] BoardCount[] ByGrade,
    [property: Id(3)] BoardCount[] BySchool);

[GenerateSerializer, Immutable, Alias("CrisisHub.BoardCount")]
public sealed record BoardCount([property: Id(0)] string Key, [property: Id(1)] int Count);

/// <summary>How boards order and count: shared by every store so they all answer alike.</summary>
public static class AlertBoardOrder
{
    public const int MostPerPage = 1000;

    public static IEnumerable<AlertSummary> Sorted(IEnumerable<AlertSummary> alerts) =>
        alerts.OrderByDescending(a => a.Grade).ThenBy(a => a.OpenedAt).ThenBy(a => a.CaseId, StringComparer.Ordinal);

    /// <summary>The open-case gauge over every board's entries (scope, summary): wallboards only, each case once, no canary.</summary>
    public static BoardCount[] OpenByGrade(IEnumerable<(string Scope, AlertSummary Summary)> entries) =>
    [
        .. entries.Where(e => BoardScope.IsRealWall(e.Scope)).Select(e => e.Summary).DistinctBy(a => a.CaseId)
            .GroupBy(a => a.Grade).OrderByDescending(g => g.Key).Select(g => new BoardCount(g.Key.ToString(), g.Count())),
    ];

    public static AlertBoardPage Page(IReadOnlyCollection<AlertSummary> open, int skip, int take) => new(
        [.. Sorted(open).Skip(skip).Take(take)], open.Count,
        [.. open.GroupBy(a => a.Grade).OrderByDescending(g => g.Key).Select(g => new BoardCount(g.Key.ToString(), g.Count()))],
        [.. open.GroupBy(a => a.SchoolId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new BoardCount(g.Key, g.Count()))]);
}

/// <summary>
/// The boards a case shows on. An inbox and a wallboard of the same node are different boards: a school leader's
/// inbox lists the cases whose alert reached the school, the school's wallboard every open case in the school.
/// </summary>
public static class BoardScope
{
    /// <summary>The inbox of the people holding a node: the cases whose alert reached that node.</summary>
    public static string Inbox(string nodeId) => $"inbox:{nodeId}";

    /// <summary>A school's or district's wallboard: every open case in it.</summary>
    public static string Wall(string nodeId) => $"wall:{nodeId}";

    public const string WallPrefix = "wall:";

    /// <summary>A wallboard of a real school or district (not the canary's synthetic one).</summary>
    public static bool IsRealWall(string scope) =>
        scope.StartsWith(WallPrefix, StringComparison.Ordinal) && !Network.SyntheticDistrict.IsReservedNodeId(scope[WallPrefix.Length..]);
}
