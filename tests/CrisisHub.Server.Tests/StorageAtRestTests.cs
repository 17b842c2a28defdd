using System.Text;
using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Sms;
using CrisisHub.Privacy;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 17: names, phone numbers, free text, notes and safety plans are encrypted in storage. The embedded server is used
/// as a school would use it; then its database file is opened with nothing but Microsoft.Data.Sqlite, as someone holding a
/// copy of the file (and not the key file) would open it.
/// </summary>
public sealed class StorageAtRestTests : IAsyncLifetime
{
    private const string FlagNote = "FLAG-NOTE-a41c 她说不想活了";
    private const string ActionNote = "ACTION-NOTE-77d0";
    private const string ProtectiveFactors = "PROTECTIVE-FACTORS-e2b9";
    private const string SchoolContactName = "联系人甲乙丙";
    private const string SchoolContactPhone = "+12025550199";
    private static readonly string[] SafetyPlan = ["PLAN-SIGNS-1b", "PLAN-COPING-2c", "PLAN-DISTRACTION-3d", "PLAN-HELP-4e", "PLAN-HOTLINES-5f", "PLAN-SAFE-6a"];

    private readonly string _folder = CrisisHubFactory.NewDataFolder();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = CrisisHubFactory.NewClock();

    private string Database => Path.Combine(_folder, "crisishub.db");

    [Fact]
    public async Task NoStudentNamePhoneNumberNoteOrSafetyPlanIsReadableInTheDatabaseFile()
    {
        string caseId;
        LocalText[] outbox;
        await using (var factory = new CrisisHubFactory(_folder, _clock))
        {
            (caseId, outbox) = await WriteACaseWithEverythingSensitiveAsync(factory);
        }

        SqliteConnection.ClearAllPools();
        var phones = new[] { TestSeed.GuardianPhone, SchoolContactPhone }.Concat(outbox.Select(t => t.To)).Distinct().ToArray();
        var texts = new[] { TestSeed.StudentName, FlagNote, "不想活", ActionNote, ProtectiveFactors, SchoolContactName }.Concat(SafetyPlan).ToArray();
        using (var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            var stored = new[] { "grain_state", "audit_log", "local_outbox" }.ToDictionary(table => table, table => TextColumns(connection, table));
            foreach (var (table, values) in stored)
            foreach (var secret in texts.Concat(phones))
                values.ShouldNotContain(v => v.Contains(secret) && !IsSmsContactGrainId(v), $"{table} holds '{secret}' in plain text");

            // Not empty tables: what is stored is there, sealed.
            Scalar(connection, "SELECT COUNT(*) FROM grain_state WHERE state_name = 'cases/case' AND payload LIKE 'enc:v_:%'").ShouldBe(1L);
            Scalar(connection, "SELECT COUNT(*) FROM grain_state WHERE payload NOT LIKE 'enc:v_:%'").ShouldBe(0L, "every grain state is sealed");
            Scalar(connection, "SELECT COUNT(*) FROM audit_log WHERE stream = $s AND json_extract(record, '$.after') LIKE 'enc:v_:%'", $"case:{caseId}").ShouldBeGreaterThan(3L);
            Scalar(connection, "SELECT COUNT(*) FROM local_outbox").ShouldBeGreaterThanOrEqualTo(outbox.Length);
            Scalar(connection, "SELECT COUNT(*) FROM local_outbox WHERE recipient NOT LIKE 'enc:v_:%' OR body NOT LIKE 'enc:v_:%'").ShouldBe(0L);
        }

        // Nor anywhere in the files' bytes (free pages, the write-ahead log): nothing was ever written in plain text. Phone
        // numbers are left out here only because of the SMS contact grain's ids (IsSmsContactGrainId); the rows were checked above.
        var bytes = new[] { Database, Database + "-wal" }.Where(File.Exists).Select(File.ReadAllBytes).ToArray();
        foreach (var secret in texts)
            bytes.Any(b => Contains(b, secret)).ShouldBeFalse($"the database file holds '{secret}'");

        // And the server, which holds the key, reads all of it back after a restart.
        await using var restarted = new CrisisHubFactory(_folder, _clock);
        var teacher = await ApiClient.SignInAsync(restarted, "ts1-g1-c1-teacher");
        var view = await teacher.GetAsync<CaseView>($"api/cases/{caseId}");
        view.StudentName.ShouldBe(TestSeed.StudentName);
        var admin = await ApiClient.SignInAsync(restarted, "admin");
        var outboxAfter = await admin.GetAsync<LocalText[]>("api/sms/outbox");
        foreach (var text in outbox) outboxAfter.ShouldContain(t => t.Sid == text.Sid && t.To == text.To && t.Body == text.Body);
    }

    [Fact]
    public async Task TheKeyFileIsMadeOnFirstStartOutsideTheDatabaseOwnerOnlyAndAStartWithoutItOverSealedDataIsRefused()
    {
        await using (var factory = new CrisisHubFactory(_folder, _clock))
        {
            await ApiClient.SignInAsync(factory, "admin");
        }

        var keyFile = Path.Combine(_folder, "secrets", "storage-keys.json");
        var ring = StorageKeyFile.Read(keyFile);
        ring.KeyIds.ShouldHaveSingleItem().ShouldBe(ring.CurrentKeyId);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyFile).ShouldBe(Hosting.OwnerOnly.File);
            File.GetUnixFileMode(Path.GetDirectoryName(keyFile)!).ShouldBe(Hosting.OwnerOnly.Folder);
        }

        File.Move(keyFile, keyFile + ".aside");
        SqliteConnection.ClearAllPools();
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ServerProcess.StartAsync(_folder, ServerProcess.FreePort()));
        refused.Message.ShouldContain($"(exit code {Hosting.StartupFailure.InvalidConfiguration})");
        refused.Message.ShouldContain($"The storage key file {keyFile} is missing, but the database holds encrypted data");
        refused.Message.ShouldNotContain("   at ", customMessage: "one line, no stack trace");
        File.Exists(keyFile).ShouldBeFalse("no new key is made over data it could not read");

        File.Move(keyFile + ".aside", keyFile);
        await using var restored = await ServerProcess.StartAsync(_folder, ServerProcess.FreePort());
        (await ApiClient.SignInAsync(restored.BaseAddress, "admin")).Token.ShouldNotBeEmpty("with its key file back, the server starts and reads its accounts");
    }

    private async Task<(string CaseId, LocalText[] Outbox)> WriteACaseWithEverythingSensitiveAsync(CrisisHubFactory factory)
    {
        var teacher = await ApiClient.SignInAsync(factory, "ts1-g1-c1-teacher");
        var flagged = await teacher.PostFlagAsync(new { studentId = TestSeed.Student(TestSeed.Class, 1), signs = new[] { "SaidTheyIntendToAct" }, note = FlagNote }, "at-rest-1");
        flagged.EnsureSuccessStatusCode();
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/actions", new { kind = "TalkedWithStudent", note = ActionNote })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.Hospital, reason = "intent with a plan", meansAccess = "none", protectiveFactors = ProtectiveFactors,
            schoolContactName = SchoolContactName, schoolContactPhone = SchoolContactPhone,
            safetyPlan = new
            {
                warningSigns = SafetyPlan[0], internalCoping = SafetyPlan[1], peopleAndPlacesForDistraction = SafetyPlan[2],
                peopleToAskForHelp = SafetyPlan[3], professionalsAndHotlines = SafetyPlan[4], makingTheEnvironmentSafe = SafetyPlan[5],
            },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).StudentName.ShouldBe(TestSeed.StudentName);

        // A Major case texts every level at once: the local outbox holds phone numbers and bodies.
        var admin = await ApiClient.SignInAsync(factory, "admin");
        var outbox = await Eventually.Async(() => admin.GetAsync<LocalText[]>("api/sms/outbox"), texts => texts.Count(t => t.Body.Contains(caseId)) >= 2);
        return (caseId, outbox);
    }

    /// <summary>
    /// Known and documented (README "Encryption at rest"): the SMS contact grain, which keeps a number's opt-out and pending
    /// reply codes, is keyed by the phone number itself, so the number is its row's grain id (ids are not encrypted: the
    /// primary key finds the row). Its state is sealed like every other.
    /// </summary>
    private static bool IsSmsContactGrainId(string value) => value.StartsWith("smscontact/", StringComparison.Ordinal);

    private static bool Contains(byte[] file, string secret) => file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0;

    private static List<string> TextColumns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
                if (reader.GetValue(i) is string text) values.Add(text);
        }

        values.ShouldNotBeEmpty(table);
        return values;
    }

    private static long Scalar(SqliteConnection connection, string sql, string? stream = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (stream is not null) command.Parameters.AddWithValue("$s", stream);
        return (long)command.ExecuteScalar()!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
