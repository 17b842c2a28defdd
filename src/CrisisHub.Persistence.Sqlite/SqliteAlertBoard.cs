using System.Text.Json;
using CrisisHub.Contracts.Wallboard;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// The open-alert boards as rows of the local database: one row per (scope, case), upserted or deleted by
/// each case change through the database's writer, so a change costs the same with ten thousand alerts open
/// as with none. Pages and counts come from the (scope, grade, opened_at) index.
/// </summary>
public sealed class SqliteAlertBoard(SqliteDatabase database) : IAlertBoard
{
    // The grain-state options, so rows moved from wave-1 wallboard state by the schema migration read alike.
    private static readonly JsonSerializerOptions Json = SqliteGrainStorage.Json;

    public Task ApplyAsync(AlertSummary summary, long version, IReadOnlyCollection<string> openScopes)
    {
        var json = JsonSerializer.Serialize(summary, Json);
        var scopes = JsonSerializer.Serialize(openScopes.Distinct().ToArray());
        var openedAt = summary.OpenedAt.ToUnixTimeMilliseconds();
        return database.WriteAsync(session =>
        {
            // The case's version outlives its rows, so a late retry cannot put a closed case back on a board.
            var newer = session.Command("""
                INSERT INTO alert_board_case (case_id, version) VALUES ($c, $v)
                ON CONFLICT (case_id) DO UPDATE SET version = excluded.version WHERE excluded.version > alert_board_case.version
                """);
            newer.Parameters.AddWithValue("$c", summary.CaseId);
            newer.Parameters.AddWithValue("$v", version);
            if (newer.ExecuteNonQuery() == 0) return;

            var leave = session.Command("DELETE FROM alert_board WHERE case_id = $c AND scope NOT IN (SELECT value FROM json_each($scopes))");
            leave.Parameters.AddWithValue("$c", summary.CaseId);
            leave.Parameters.AddWithValue("$scopes", scopes);
            leave.ExecuteNonQuery();

            var upsert = session.Command("""
                INSERT INTO alert_board (scope, case_id, version, grade, school_id, opened_at, summary)
                SELECT value, $c, $v, $grade, $school, $opened, $summary FROM json_each($scopes) WHERE true
                ON CONFLICT (scope, case_id) DO UPDATE SET version = excluded.version, grade = excluded.grade,
                    school_id = excluded.school_id, opened_at = excluded.opened_at, summary = excluded.summary
                """);
            upsert.Parameters.AddWithValue("$c", summary.CaseId);
            upsert.Parameters.AddWithValue("$v", version);
            upsert.Parameters.AddWithValue("$grade", (int)summary.Grade);
            upsert.Parameters.AddWithValue("$school", summary.SchoolId);
            upsert.Parameters.AddWithValue("$opened", openedAt);
            upsert.Parameters.AddWithValue("$summary", json);
            upsert.Parameters.AddWithValue("$scopes", scopes);
            upsert.ExecuteNonQuery();
        });
    }

    public Task<IReadOnlyList<string>> CaseIdsAsync() => database.ReadAsync<IReadOnlyList<string>>(session =>
    {
        var ids = new List<string>();
        using var reader = session.Command("SELECT DISTINCT case_id FROM alert_board").ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    });

    public Task<BoardCount[]> OpenByGradeAsync() => database.ReadAsync(session =>
    {
        // The wallboard scopes are one range of the page index ("wall:" up to "wall;"); a case is on its school's and its
        // district's wall, so it is counted once. The canary's walls share a prefix, another range, left out.
        var count = session.Command("""
            SELECT grade, COUNT(DISTINCT case_id) FROM alert_board
            WHERE scope >= 'wall:' AND scope < 'wall;' AND NOT (scope >= $synthetic AND scope < $syntheticEnd)
            GROUP BY grade ORDER BY grade DESC
            """);
        var synthetic = BoardScope.Wall(CrisisHub.Contracts.Network.SyntheticDistrict.Id);
        count.Parameters.AddWithValue("$synthetic", synthetic);
        count.Parameters.AddWithValue("$syntheticEnd", synthetic + "\uffff");
        var counts = new List<BoardCount>();
        using var reader = count.ExecuteReader();
        while (reader.Read()) counts.Add(new BoardCount(((CrisisHub.Contracts.Cases.CrisisGrade)reader.GetInt32(0)).ToString(), reader.GetInt32(1)));
        return counts.ToArray();
    });

    public async Task<AlertBoardPage> ReadAsync(IReadOnlyCollection<string> scopes, int skip, int take)
    {
        if (scopes.Count == 0) return new AlertBoardPage([], 0, [], []);
        var scopeJson = JsonSerializer.Serialize(scopes.Distinct().ToArray());
        var (rows, counts) = await database.ReadAsync(session =>
        {
            // One snapshot for the page and the counts, so they agree even while the writer commits between them.
            using var snapshot = session.BeginRead();
            // One scope (a wallboard, a teacher's class) is read straight off the page index; several scopes may hold a
            // case once each, so they are grouped by case first.
            var open = scopes.Count == 1
                ? "SELECT case_id, grade, school_id, opened_at, summary FROM alert_board WHERE scope = $scope"
                : """
                  SELECT case_id, MAX(grade) AS grade, MAX(school_id) AS school_id, MAX(opened_at) AS opened_at, MAX(summary) AS summary
                  FROM alert_board WHERE scope IN (SELECT value FROM json_each($scopes)) GROUP BY case_id
                  """;
            var page = session.Command($"SELECT summary FROM ({open}) ORDER BY grade DESC, opened_at, case_id LIMIT $take OFFSET $skip");
            page.Parameters.AddWithValue("$scope", scopes.First());
            page.Parameters.AddWithValue("$scopes", scopeJson);
            page.Parameters.AddWithValue("$take", take);
            page.Parameters.AddWithValue("$skip", skip);
            var summaries = new List<string>();
            using (var reader = page.ExecuteReader())
                while (reader.Read()) summaries.Add(reader.GetString(0));

            var count = session.Command($"SELECT grade, school_id, COUNT(*) FROM ({open}) GROUP BY grade, school_id");
            count.Parameters.AddWithValue("$scope", scopes.First());
            count.Parameters.AddWithValue("$scopes", scopeJson);
            var groups = new List<(int Grade, string School, int Count)>();
            using (var reader = count.ExecuteReader())
                while (reader.Read()) groups.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2)));
            return (summaries, groups);
        });

        AlertSummary[] alerts = [.. rows.Select(r => JsonSerializer.Deserialize<AlertSummary>(r, Json)!)];
        return new AlertBoardPage(alerts, counts.Sum(c => c.Count),
            [.. counts.GroupBy(c => c.Grade).OrderByDescending(g => g.Key).Select(g => new BoardCount(((Contracts.Cases.CrisisGrade)g.Key).ToString(), g.Sum(c => c.Count)))],
            [.. counts.GroupBy(c => c.School).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new BoardCount(g.Key, g.Sum(c => c.Count)))]);
    }
}
