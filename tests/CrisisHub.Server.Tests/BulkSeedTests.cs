using System.Text.Json;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Seed;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests;

/// <summary>
/// The seed's bulk path on the embedded default (SQLite): a generated district (small: 2 schools of 8 classes of 4) seeded, seeded
/// again, and seeded after a start that stopped half-way, ends up exactly as the seed says, nothing listed twice.
/// </summary>
public sealed class BulkSeedTests : IAsyncLifetime
{
    private const string Password = "seed-password-1";
    private const string OtherPassword = "seed-password-2";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crisishub-server-tests", Guid.NewGuid().ToString("N"));
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = CrisisHubFactory.NewClock();
    private readonly List<CrisisHubFactory> _servers = [];

    /// <summary>The generated district, with one account on a password of its own.</summary>
    private static readonly SeedDocument District = Generated();

    private static SeedDocument Generated()
    {
        var seed = GeneratedDistrict.Build(schools: 2, studentsPerClass: 4, Password);
        return seed with { Accounts = [.. seed.Accounts.Select(a => a.UserName == "s001-psych" ? a with { Password = OtherPassword } : a)] };
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SeedingTwiceListsEveryStudentFamilyNodeAndAccountExactlyOnce()
    {
        var server = Start(seedFile: District);
        var loader = server.Services.GetRequiredService<SeedLoader>();

        (await loader.ApplyOnceAsync(District, CancellationToken.None)).ShouldBeFalse();
        await loader.ApplyAsync(District, CancellationToken.None);

        await ShouldHoldExactlyAsync(server, District);
        await ApiClient.SignInAsync(server, "gd-officer", Password);
        await ApiClient.SignInAsync(server, "s001-psych", OtherPassword);
    }

    [Fact]
    public async Task AStartThatStoppedHalfWayIsCompletedByTheNextOne()
    {
        // The first start got through the network, half the students and a few accounts, and registered some more students
        // without listing them at their class yet.
        var first = Start(seedFile: null);
        var half = District.Students.Length / 2;
        await first.Services.GetRequiredService<SeedLoader>()
            .ApplyAsync(District with { Students = District.Students[..half], Accounts = District.Accounts[..5] }, CancellationToken.None);
        var grains = first.Services.GetRequiredService<IGrainFactory>();
        foreach (var student in District.Students[half..(half + 6)])
            await grains.GetGrain<IStudentGrain>(student.StudentId).RegisterUnlistedAsync(student);
        await first.DisposeAsync();

        var second = Start(seedFile: District);

        await ShouldHoldExactlyAsync(second, District);
        (await second.Services.GetRequiredService<SeedLoader>().ApplyOnceAsync(District, CancellationToken.None)).ShouldBeFalse();
    }

    private CrisisHubFactory Start(SeedDocument? seedFile)
    {
        var seedPath = Path.Combine(_folder, "seed.json");
        if (seedFile is null) File.Delete(seedPath);
        else
        {
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            ProblemDetailsSetup.Configure(json);
            File.WriteAllText(seedPath, JsonSerializer.Serialize(seedFile, json));
        }

        var server = new CrisisHubFactory(_folder, _clock, settings: new Dictionary<string, string> { ["CrisisHub:SeedDemoData"] = "false" });
        _servers.Add(server);
        _ = server.BaseAddress; // starts it, seeding first
        return server;
    }

    private static async Task ShouldHoldExactlyAsync(CrisisHubFactory server, SeedDocument seed)
    {
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        IWarningNodeGrain Node(string id) => grains.GetGrain<IWarningNodeGrain>(id);

        foreach (var seeded in seed.Nodes)
        {
            var node = (await Node(seeded.NodeId).GetAsync()).ShouldNotBeNull();
            node.Responders.Select(r => r.ResponderId).ShouldBe(seeded.Responders.Select(r => r.ResponderId));
            var students = seed.Students.Where(s => s.ClassId == seeded.NodeId || s.DormitoryId == seeded.NodeId).Select(s => s.StudentId).ToArray();
            var families = seed.Students.Where(s => s.ClassId == seeded.NodeId).Select(s => $"fam-{s.StudentId}");
            node.StudentIds.ShouldBe(students, ignoreOrder: true);
            node.ChildIds.ShouldBe(seed.Nodes.Where(n => n.ParentId == seeded.NodeId).Select(n => n.NodeId).Concat(families), ignoreOrder: true);
        }

        foreach (var school in seed.Nodes.Where(n => n.Level == NetworkLevel.School))
        {
            var below = seed.Nodes.Where(n => n.ParentId is { } p && (p == school.NodeId || p.StartsWith(school.NodeId + "-"))).Select(n => n.NodeId);
            var families = seed.Students.Where(s => s.ClassId.StartsWith(school.NodeId + "-")).Select(s => $"fam-{s.StudentId}");
            var descendants = await Node(school.NodeId).GetDescendantsAsync();
            descendants.Select(d => d.NodeId).ShouldBe(below.Concat(families), ignoreOrder: true);
            descendants.ShouldAllBe(d => d.ResponderCount > 0);
        }

        foreach (var record in seed.Students)
        {
            var student = (await grains.GetGrain<IStudentGrain>(record.StudentId).GetAsync()).ShouldNotBeNull();
            student.Placement.ClassId.ShouldBe(record.ClassId);
            var family = (await Node(student.Placement.FamilyId).GetAsync()).ShouldNotBeNull();
            family.Responders.Length.ShouldBe(record.Guardians.Length);
        }

        var hasher = new PasswordHasher<UserAccount>();
        foreach (var seeded in seed.Accounts)
        {
            var account = (await grains.GetGrain<IUserAccountGrain>(seeded.UserName).GetAsync()).ShouldNotBeNull();
            account.Role.ShouldBe(seeded.Role);
            account.NodeIds.ShouldBe(seeded.NodeIds);
            hasher.VerifyHashedPassword(account, account.PasswordHash, seeded.Password).ShouldNotBe(PasswordVerificationResult.Failed);
        }

        var listed = await grains.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).ListAsync();
        listed.Select(a => a.UserName).ShouldBe(seed.Accounts.Select(a => a.UserName), ignoreOrder: true);
    }

    public async Task DisposeAsync()
    {
        // Disposing a server twice is harmless: the first of them is stopped in its test already.
        foreach (var server in _servers) await server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
