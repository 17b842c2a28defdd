using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains;
using CrisisHub.Grains.Notifications;
using CrisisHub.Grains.Sms;
using CrisisHub.Persistence.Sqlite;
using CrisisHub.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrisisHub.Benchmarks;

/// <summary>
/// One silo in this process on embedded mode's storage: grain state, reminders and the audit log in one SQLite
/// file in a temporary folder, as the server keeps them. Nobody listens to its notifications or texts.
/// </summary>
public sealed class SqliteSilo : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crisishub-bench", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    private string DatabasePath => Path.Combine(_folder, "crisishub.db");
    public IGrainFactory Grains => _cluster.Client;

    public static async Task<SqliteSilo> StartAsync()
    {
        var silo = new SqliteSilo();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, s) =>
        {
            s.UseSqliteDatabase(silo.DatabasePath);
            // Sealed as the server seals it, so the benchmark measures encryption's cost too.
            s.Services.AddSingleton(StorageKeyRing.Of(StorageKey.Generate("bench")));
            foreach (var name in StorageNames.All) s.AddSqliteGrainStorage(name);
            s.UseSqliteReminderService();
            s.UseSqliteAuditLog();
            s.UseSqliteBoardsAndOutbox();
            s.AddCrisisHubGrains();
            s.Services.AddSingleton<IAlertNotifier, UnwatchedNotifier>();
            s.Services.AddSingleton<ISmsGateway, AcceptingSmsGateway>();
            s.Services.AddOptions<SmsOptions>();
        });
        silo._cluster = builder.Build();
        await silo._cluster.DeployAsync();
        return silo;
    }

    /// <summary>Defines a small school, registers a student and flags a Major sign: the case escalates to every level at once.</summary>
    public async Task<string> OpenMajorCaseAsync()
    {
        var s = Guid.NewGuid().ToString("N")[..8];
        string? parent = null;
        foreach (var level in new[] { NetworkLevel.District, NetworkLevel.School, NetworkLevel.Grade, NetworkLevel.Class })
        {
            var id = $"{level}-{s}".ToLowerInvariant();
            var node = Grains.GetGrain<IWarningNodeGrain>(id);
            await node.DefineAsync(new WarningNodeDefinition(id, level, $"{level} {s}", parent));
            await node.SetRespondersAsync([new Responder($"{id}-r", $"Responder {id}", ResponderRole.HeadTeacher, "+12025550123", true, null)]);
            parent = id;
        }

        var student = $"st-{s}";
        await Grains.GetGrain<IStudentGrain>(student).RegisterAsync(new StudentRecord(student, "王小明", "2026001", 16, parent!, null,
            [new Guardian("王父", "father", "+12025550156")]));
        ObservedSign[] signs = [ObservedSign.SaidTheyIntendToAct];
        var flag = new FlagSubmission(Guid.NewGuid().ToString("N"), student, FlagSource.Monitor, signs, "benchmark",
            Triage.Suggest(signs, CrisisGrade.Major), new Actor("monitor-1", "Monitor", ResponderRole.Monitor), DateTimeOffset.UtcNow);
        return (await Grains.GetGrain<IStudentGrain>(student).SubmitFlagAsync(flag)).CaseId;
    }

    /// <summary>The length of the case's row as SQLite stores it, and how many records its audit stream holds.</summary>
    public (long StateBytes, long AuditRecords) Stored(string caseId)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT length(payload) FROM grain_state WHERE state_name = 'cases/case' AND grain_id = $g),
                   (SELECT count(*) FROM audit_log WHERE stream = $s)
            """;
        command.Parameters.AddWithValue("$g", $"studentcase/{caseId}");
        command.Parameters.AddWithValue("$s", $"case:{caseId}");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
