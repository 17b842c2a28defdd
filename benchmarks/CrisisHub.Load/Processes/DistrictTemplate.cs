using System.Net.Http.Json;
using System.Text.Json;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Seed;

namespace CrisisHub.Load.Processes;

/// <summary>
/// A generated district seeded once and signed in once, then copied for every measured server. Seeding 25,600
/// students and hashing the password of every account is minutes of work the benchmark must not repeat per run,
/// and every run must start from the same state: a copy of the stopped server's data folder (database, write-ahead
/// log, data-protection keys and the storage keys the database is encrypted with) gives both. The bearer tokens issued here stay good in every copy, because the
/// keys that sign them and the accounts' session stamps are in the copied folder.
/// </summary>
public sealed class DistrictTemplate
{
    /// <summary>Not the demo password: a server with a seed file refuses that one.</summary>
    public const string Password = "load-bench-password-2026";

    private DistrictTemplate(string folder, string seedFile, SeedDocument seed, int schools, Dictionary<string, string> tokens)
    {
        Folder = folder;
        SeedFile = seedFile;
        Seed = seed;
        Schools = schools;
        Tokens = tokens;
    }

    public string Folder { get; }
    public string SeedFile { get; }
    public SeedDocument Seed { get; }
    public int Schools { get; }
    public IReadOnlyDictionary<string, string> Tokens { get; }

    public static string Monitor(string classId) => $"{classId}-monitor";
    public static string HeadTeacher(string classId) => $"{classId}-teacher";
    public static string DutyOfficer(string schoolId) => $"{schoolId}-duty";
    public static string Admin => $"{GeneratedDistrict.DistrictId}-admin";
    public static string DistrictOfficer => $"{GeneratedDistrict.DistrictId}-officer";

    public IEnumerable<string> ClassIds => Seed.Nodes.Where(n => n.Level == NetworkLevel.Class).Select(n => n.NodeId);

    public static async Task<DistrictTemplate> CreateAsync(string serverDll, string workRoot, int schools, int studentsPerClass, HttpClient http, TextWriter log)
    {
        var root = Path.Combine(workRoot, $"district-{schools}x{studentsPerClass}");
        var folder = Path.Combine(root, "data");
        Directory.CreateDirectory(folder);
        var seed = GeneratedDistrict.Build(schools, studentsPerClass, Password);
        var seedFile = Path.Combine(root, "seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed, SeedJson()));

        var started = DateTime.UtcNow;
        log.WriteLine($"Seeding a district of {schools} schools ({seed.Students.Length:N0} students, {seed.Accounts.Length:N0} accounts) ...");
        var tokens = new Dictionary<string, string>();
        await using (var server = await ProductServer.StartAsync(serverDll, folder, seedFile))
        {
            log.WriteLine($"  seeded in {(DateTime.UtcNow - started).TotalSeconds:N0} s; signing in monitors, head teachers and officers ...");
            var classes = seed.Nodes.Where(n => n.Level == NetworkLevel.Class).Select(n => n.NodeId).ToList();
            var schoolIds = seed.Nodes.Where(n => n.Level == NetworkLevel.School).Select(n => n.NodeId);
            string[] users = [.. classes.Select(Monitor), .. classes.Select(HeadTeacher), .. schoolIds.Select(DutyOfficer), Admin, DistrictOfficer];
            // Password hashing is deliberately slow; two cores sign in two or three at a time.
            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (user, _) =>
            {
                var token = await SignInAsync(http, server.BaseAddress, user);
                lock (tokens) tokens[user] = token;
            });
        }

        log.WriteLine($"  template ready after {(DateTime.UtcNow - started).TotalSeconds:N0} s");
        return new DistrictTemplate(folder, seedFile, seed, schools, tokens);
    }

    /// <summary>A fresh copy of the seeded data folder (not its lock file, its shared-memory index or its logs).</summary>
    public string CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "crisishub.db", "crisishub.db-wal" }.Select(f => Path.Combine(Folder, f)).Where(File.Exists))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        // Without its storage keys the copied database is unreadable (and the server refuses to start over it).
        foreach (var keys in new[] { "keys", "secrets" }.Where(k => Directory.Exists(Path.Combine(Folder, k))))
        {
            Directory.CreateDirectory(Path.Combine(folder, keys));
            foreach (var key in Directory.GetFiles(Path.Combine(Folder, keys))) File.Copy(key, Path.Combine(folder, keys, Path.GetFileName(key)));
        }

        return folder;
    }

    public Task<ProductServer> StartCopyAsync(string serverDll, string folder, IReadOnlyDictionary<string, string>? settings = null) =>
        ProductServer.StartAsync(serverDll, CopyTo(folder), SeedFile, settings);

    private static async Task<string> SignInAsync(HttpClient http, Uri server, string userName)
    {
        using var response = await http.PostAsJsonAsync(new Uri(server, "api/auth/token"), new { userName, password = Password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>The server reads its seed file with web defaults and enums as names (SeedOnStart); write it the same way.</summary>
    private static JsonSerializerOptions SeedJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ProblemDetailsSetup.Configure(json);
        return json;
    }
}
