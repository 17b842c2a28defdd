using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Server.Tests;

/// <summary>
/// A read by a person is one record in the audit log and never a rewrite of the case: a case read often (a Major
/// case over a term) must not grow its row, which every change and every read used to rewrite whole.
/// </summary>
public sealed class CaseReadStorageTests : IAsyncLifetime
{
    private readonly string _folder = CrisisHubFactory.NewDataFolder();

    [Fact]
    public async Task ACaseReadTwoHundredTimesKeepsItsStoredRowAsItWasAndLogsEachRead()
    {
        await using var factory = new CrisisHubFactory(_folder, CrisisHubFactory.NewClock());
        var teacher = await ApiClient.SignInAsync(factory, "ts1-g1-c1-teacher");
        // A General case: its first step texts nobody, so no text's outcome rewrites the row while the test reads.
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 3), "read-often", ObservedSign.Distress);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Texts.ShouldBeEmpty();
        var before = StoredRow(caseId);
        var loggedBefore = LoggedRecords(caseId);

        for (var i = 0; i < 200; i++) await teacher.GetAsync<CaseView>($"api/cases/{caseId}");

        var after = StoredRow(caseId);
        after.Length.ShouldBe(before.Length);
        after.ShouldBe(before, "a read must not write the case's row");
        LoggedRecords(caseId).ShouldBe(loggedBefore + 200);
        var trail = await teacher.GetAsync<AuditTrail>($"api/cases/{caseId}/audit");
        trail.Verification.Intact.ShouldBeTrue(trail.Verification.Problem);
        trail.Records.Count(r => r.Action == AuditActions.CaseRead).ShouldBe(201);
    }

    private string StoredRow(string caseId) => (string)Query(
        "SELECT payload FROM grain_state WHERE state_name = 'cases/case' AND grain_id = $k", $"studentcase/{caseId}")!;

    private long LoggedRecords(string caseId) => (long)Query("SELECT COUNT(*) FROM audit_log WHERE stream = $k", $"case:{caseId}")!;

    /// <summary>Beside the running server (the database is in WAL mode, so a reader sees every committed write).</summary>
    private object? Query(string sql, string key)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "crisishub.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
