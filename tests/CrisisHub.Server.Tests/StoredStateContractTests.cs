using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Sms;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Grains.Cases;
using CrisisHub.Privacy;
using CrisisHub.Server.Alerts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Stored names are a contract. Fixtures/wave1-main.db is a database written by an earlier main (how:
/// Fixtures/make-wave1-db.sh): every row in it must read back into today's types with no property left over
/// (a renamed property would be one, and its data lost), and a server started over it must serve its cases
/// with intact chains. Every type stored in grain state carries an Orleans [Alias], which cluster mode's Redis
/// storage (Orleans' serializer) writes instead of the type's name.
/// </summary>
public sealed class StoredStateContractTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wave1-main.db");

    /// <summary>Every stored state of every grain: "{storage}/{state}" (as the SQLite provider keys rows) to its type.</summary>
    private static readonly Dictionary<string, Type> StoredStates = typeof(StudentCaseGrain).Assembly.GetTypes()
        .Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract)
        .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters()))
        .Select(p => (Attribute: p.GetCustomAttribute<PersistentStateAttribute>(), p.ParameterType))
        .Where(p => p.Attribute is not null)
        .ToDictionary(p => $"{p.Attribute!.StorageName}/{p.Attribute.StateName}", p => p.ParameterType.GetGenericArguments()[0]);

    /// <summary>
    /// States no grain keeps any more because a schema migration moved their facts into tables of their own; what
    /// the migration must have made of them is checked by <see cref="AServerStartedOverAnEarlierMainsDataServesItsCasesWithEveryChainIntact"/>.
    /// </summary>
    private static readonly Dictionary<string, string> MovedStates = new()
    {
        ["wallboards/wallboard"] = "alert_board",
        ["sms/outbox"] = "local_outbox",
    };

    [Fact]
    public void EveryRowStoredByAnEarlierMainReadsBackIntoTodaysTypesWithNothingLeftOver()
    {
        // As the SQLite provider reads them, except that a stored property today's type lacks is an error.
        var strict = new JsonSerializerOptions(JsonSerializerDefaults.General) { IncludeFields = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        using var connection = new SqliteConnection($"Data Source={Fixture};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_name, grain_id, payload FROM grain_state";
        using var reader = command.ExecuteReader();
        var read = new Dictionary<string, int>();
        var problems = new List<string>();
        while (reader.Read())
        {
            var stateName = reader.GetString(0);
            if (MovedStates.ContainsKey(stateName)) continue;
            if (!StoredStates.TryGetValue(stateName, out var type))
            {
                problems.Add($"{stateName}: no grain stores this state any more (its data would be lost)");
                continue;
            }

            try
            {
                JsonSerializer.Deserialize(reader.GetString(2), type, strict).ShouldNotBeNull();
                read[stateName] = read.GetValueOrDefault(stateName) + 1;
            }
            catch (JsonException exception)
            {
                problems.Add($"{stateName} {reader.GetString(1)}: {exception.Message}");
            }
        }

        problems.ShouldBeEmpty();
        read.Keys.ShouldContain("cases/case");
        read.Keys.ShouldContain("referrals/referral");
        read.Keys.ShouldContain("sms/sms");
    }

    [Fact]
    public void EveryTypeStoredInGrainStateCarriesAnAlias()
    {
        var seen = new HashSet<Type>();
        foreach (var state in StoredStates.Values) Walk(state, seen);

        seen.Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && t.GetCustomAttribute<AliasAttribute>() is null)
            .Select(t => t.FullName).Order().ShouldBeEmpty("stored types need [Alias(\"CrisisHub.<Name>\")], so a rename cannot lose data in Redis");
        seen.Where(t => t.Namespace?.StartsWith("CrisisHub") == true && !t.IsEnum && t.GetCustomAttribute<GenerateSerializerAttribute>() is null)
            .Select(t => t.FullName).Order().ShouldBeEmpty("stored types are Orleans-serialisable");
    }

    [Fact]
    public async Task AServerStartedOverAnEarlierMainsDataServesItsCasesWithEveryChainIntact()
    {
        // Demo mode, as the earlier main ran when it wrote the fixture (its accounts have the demo password).
        var folder = CrisisHubFactory.NewDataFolder();
        File.Delete(Path.Combine(folder, "seed.json"));
        var database = Path.Combine(folder, "crisishub.db");
        File.Copy(Fixture, database);
        string[] caseIds = ["c-fjraj4ll", "c-ddc33745"];
        var trails = new Dictionary<string, AuditTrail>();
        await using (var factory = new CrisisHubFactory(folder, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero))))
        {
            var officer = await ApiClient.SignInAsync(factory, "qd-officer", "crisishub-demo");

            foreach (var caseId in caseIds)
            {
                var trail = await officer.GetAsync<AuditTrail>($"api/cases/{caseId}/audit");
                trail.Verification.Intact.ShouldBeTrue(trail.Verification.Problem);
                trail.Records.Length.ShouldBeGreaterThan(3);
                trails[caseId] = trail;
            }

            (await officer.GetAsync<CaseView>("api/cases/c-ddc33745")).Status.ShouldBe(CaseStatus.Closed);
            var referred = await officer.GetAsync<CaseView>("api/cases/c-fjraj4ll");
            referred.Referrals.ShouldHaveSingleItem().Status.ShouldBe(ReferralStatus.Accepted);
            var desk = await ApiClient.SignInAsync(factory, "qd-mhc-desk", "crisishub-demo");
            (await desk.GetAsync<ReferralView>("api/referrals/c-fjraj4ll-R1")).Status.ShouldBe(ReferralStatus.Accepted);

            // The open alerts of wave 1's wallboard and node rows are on today's boards (moved by the schema migration).
            var district = await officer.GetAsync<WallboardView>("api/wallboards/qd");
            district.Alerts.Select(a => a.CaseId).ShouldBe(["c-fjraj4ll", "c-5ffxhxey"], ignoreOrder: true);
            district.Total.ShouldBe(2);
            var teacher = await ApiClient.SignInAsync(factory, "bs-g10-c1-teacher", "crisishub-demo");
            (await teacher.GetAsync<AlertSummary[]>("api/alerts")).Select(a => a.CaseId).ShouldBe(["c-fjraj4ll", "c-5ffxhxey"], ignoreOrder: true);
            var supervisor = await ApiClient.SignInAsync(factory, "bs-g10-c1-r2-supervisor", "crisishub-demo");
            (await supervisor.GetAsync<AlertSummary[]>("api/alerts")).Select(a => a.CaseId).ShouldBe(["c-5ffxhxey"]);

            // And wave 1's local outbox (a list in one grain's state) is rows, newest first.
            var admin = await ApiClient.SignInAsync(factory, "admin", "crisishub-demo");
            var outbox = await admin.GetAsync<LocalText[]>("api/sms/outbox");
            outbox.Select(t => t.Sid).ShouldBe(WaveOneOutboxSids().Reverse(), "the same texts, the last kept listed first, as before");
            outbox.ShouldAllBe(t => t.MessageId.Length > 0 && t.To.Length > 0 && t.Body.Length > 0);
        }

        // Migrated on start: the case rows no longer carry the records, the audit log holds every one of them.
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        // Rewritten rows are sealed with the key file the server made on its first start over the old data.
        var keys = StorageKeyFile.Read(Path.Combine(folder, "secrets", "storage-keys.json"));
        foreach (var caseId in caseIds)
        {
            var row = StoredCase(connection, keys, caseId);
            row.Audit.ShouldBeEmpty();
            var served = trails[caseId].Records;
            var logged = LoggedHashes(connection, caseId);
            logged.Take(served.Length).ShouldBe(served.Select(r => r.Hash));
            // The stored head is a record of the log (reads after the last write only extend the log).
            var head = row.AuditHead.ShouldNotBeNull();
            head.Sequence.ShouldBeGreaterThanOrEqualTo(served.Length - 1);
            logged[(int)head.Sequence - 1].ShouldBe(head.Hash);
        }
    }

    private static IEnumerable<string> WaveOneOutboxSids()
    {
        using var connection = new SqliteConnection($"Data Source={Fixture};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(t.value, '$.Sid') FROM grain_state g, json_each(g.payload, '$.Texts') t WHERE g.state_name = 'sms/outbox' ORDER BY CAST(t.key AS INTEGER)";
        using var reader = command.ExecuteReader();
        var sids = new List<string>();
        while (reader.Read()) sids.Add(reader.GetString(0));
        sids.Count.ShouldBe(11, "the fixture's outbox");
        return sids;
    }

    private static StudentCaseState StoredCase(SqliteConnection connection, StorageKeyRing keys, string caseId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'cases/case' AND grain_id = $g";
        command.Parameters.AddWithValue("$g", $"studentcase/{caseId}");
        var payload = (string)command.ExecuteScalar()!;
        StorageKeyRing.IsSealed(payload).ShouldBeTrue("a row the server rewrote is sealed");
        var json = keys.Open(payload, StorageContexts.GrainState("cases", "case", $"studentcase/{caseId}"));
        return JsonSerializer.Deserialize<StudentCaseState>(json, new JsonSerializerOptions { IncludeFields = true })!;
    }

    private static List<string> LoggedHashes(SqliteConnection connection, string caseId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM audit_log WHERE stream = $s ORDER BY sequence";
        command.Parameters.AddWithValue("$s", $"case:{caseId}");
        using var reader = command.ExecuteReader();
        var hashes = new List<string>();
        while (reader.Read()) hashes.Add(reader.GetString(0));
        return hashes;
    }

    private static void Walk(Type type, HashSet<Type> seen)
    {
        if (type.IsArray) { Walk(type.GetElementType()!, seen); return; }
        if (type.IsGenericType) { foreach (var argument in type.GetGenericArguments()) Walk(argument, seen); }
        if (type.Namespace?.StartsWith("CrisisHub") != true || !seen.Add(type)) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) Walk(property.PropertyType, seen);
    }
}
