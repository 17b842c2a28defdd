using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Grains.Audit;
using CrisisHub.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests;

/// <summary>
/// The daily anchors on the embedded database, seen through the auditor's endpoint: the database file is changed with
/// plain SQL while the server runs, as someone with access to it could.
/// </summary>
public sealed class AuditAnchorTests : IAsyncLifetime
{
    private readonly string _folder = CrisisHubFactory.NewDataFolder();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = CrisisHubFactory.NewClock();
    private readonly List<CrisisHubFactory> _servers = [];
    private AuditLogFile File => new(_folder);

    private CrisisHubFactory Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new CrisisHubFactory(_folder, _clock, settings: settings);
        _servers.Add(server);
        return server;
    }

    /// <summary>Opens a case for each student (1, 2, …) of the seed's class and reads it once; their chains' ids.</summary>
    public static async Task<string[]> OpenCasesAsync(CrisisHubFactory server, int count)
    {
        var teacher = await ApiClient.SignInAsync(server, "ts1-g1-c1-teacher");
        var chains = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, i), $"anchor-{i}", ObservedSign.Distress);
            flagged.EnsureSuccessStatusCode();
            var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
            (await teacher.Http.GetAsync($"api/cases/{caseId}")).EnsureSuccessStatusCode();
            chains.Add(AuditAnchors.CaseChain(caseId));
        }

        return [.. chains];
    }

    /// <summary>What the reminder does once a day: anchor if a day has passed on the grain clock.</summary>
    public static Task<AnchorView?> AnchorAsync(CrisisHubFactory server) =>
        server.Services.GetRequiredService<IGrainFactory>().GetGrain<IAuditAnchorGrain>(AuditAnchors.GrainKey).AnchorIfDueAsync();

    public static async Task<AuditVerificationReport> VerifyAsync(CrisisHubFactory server, string auditor = "admin") =>
        await (await ApiClient.SignInAsync(server, auditor)).GetAsync<AuditVerificationReport>($"api/audit/verification?districtId={TestSeed.District}");

    [Fact]
    public async Task TruncatingACasesLogInTheDatabaseFileIsReportedAsTruncatedForThatCaseOnly()
    {
        var server = Start();
        var chains = await OpenCasesAsync(server, 3);
        (await AnchorAsync(server)).ShouldNotBeNull();
        var clean = await VerifyAsync(server);
        clean.Intact.ShouldBeTrue(string.Join("; ", clean.Problems.Select(p => p.Problem)));
        clean.ChainCount.ShouldBe(6, "three cases and their three students' read logs");
        clean.AnchoredCount.ShouldBe(6);
        clean.AnchorsStale.ShouldBeFalse();

        var anchored = File.Read(chains[1]).Count;
        File.CutAfter(chains[1], 1).ShouldBe(anchored - 1);

        var report = await VerifyAsync(server, "officer");
        report.Intact.ShouldBeFalse();
        report.Problems.Select(p => (p.Chain, p.Status)).ShouldBe([(chains[1], ChainStatus.Truncated)]);
        report.Problems[0].AnchoredSequence.ShouldBe(anchored);
        report.Problems[0].LogSequence.ShouldBe(1);
        report.Counts.ShouldBe(new ChainCounts(5, 0, 1, 0, 0));

        // A student's read log is anchored too: emptying it (who read their data) is reported as well.
        var reads = AuditAnchors.ReadsPrefix + TestSeed.Student(TestSeed.Class, 3);
        File.CutAfter(reads, 0).ShouldBeGreaterThan(0);
        (await VerifyAsync(server)).Problems.Select(p => (p.Chain, p.Status))
            .ShouldBe([(chains[1], ChainStatus.Truncated), (reads, ChainStatus.Truncated)], ignoreOrder: true);
    }

    [Fact]
    public async Task ARewrittenAndReHashedLogIsRewrittenAndARecordAlteredInPlaceIsBroken()
    {
        var server = Start();
        var chains = await OpenCasesAsync(server, 2);
        await AnchorAsync(server);

        File.RewriteFrom(chains[0], 1, r => r with { After = "grade=Watch; flag=rewritten; source=Monitor" });
        var altered = File.Read(chains[1])[0];
        File.Replace(chains[1], altered with { After = "grade=Watch; flag=altered; source=Monitor" });

        var report = await VerifyAsync(server);
        report.Problems.Select(p => (p.Chain, p.Status)).ShouldBe([(chains[0], ChainStatus.Rewritten), (chains[1], ChainStatus.Broken)], ignoreOrder: true);
    }

    [Fact]
    public async Task AnAnchorChangedInTheDatabaseIsReportedAsForged()
    {
        var server = Start();
        var chains = await OpenCasesAsync(server, 2);
        await AnchorAsync(server);

        // Lower case 1's anchored head to its first record (as one would to hide a truncation), re-hashing the anchor record
        // so the anchors' own chain still links: only the signature can tell.
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        File.RewriteFrom(AuditAnchors.Stream, 1, r =>
        {
            var anchor = JsonSerializer.Deserialize<AuditAnchor>(r.After!, json)!;
            var first = File.Read(chains[0])[0];
            AnchoredHead[] heads = [.. anchor.Heads.Select(h => h.Chain == chains[0] ? h with { Sequence = 1, Hash = first.Hash } : h)];
            return r with { After = AnchorLedger.Serialize(anchor with { Heads = heads }) };
        });
        File.CutAfter(chains[0], 1);

        var report = await VerifyAsync(server);
        report.AnchorChain.Intact.ShouldBeTrue();
        report.ForgedAnchors.ShouldBe([1L]);
        report.LatestAnchor!.SignatureValid.ShouldBeFalse();
        report.Problems.Where(p => p.Chain.StartsWith(AuditAnchors.CasePrefix, StringComparison.Ordinal)).Select(p => (p.Chain, p.Status))
            .ShouldBe([(chains[0], ChainStatus.AnchorForged), (chains[1], ChainStatus.AnchorForged)], ignoreOrder: true);
        report.Problems.ShouldAllBe(p => p.Status == ChainStatus.AnchorForged, "the students' read logs it mentions are forged along with the cases");
        report.Intact.ShouldBeFalse();
    }

    [Fact]
    public async Task AfterTheKeyRotatesOldAnchorsVerifyWhileTheOldKeyIsListedAndNewOnesAreSignedWithTheNewKey()
    {
        var oldKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string[] chains;
        await using (var first = Start(new Dictionary<string, string> { ["Privacy:AnchorKey"] = oldKey }))
        {
            chains = await OpenCasesAsync(first, 2);
            (await AnchorAsync(first))!.KeyId.ShouldBe(AnchorKeyRing.IdOf(Convert.FromBase64String(oldKey)));
        }

        await using (var rotated = Start(new Dictionary<string, string> { ["Privacy:AnchorKey"] = newKey, ["Privacy:PreviousAnchorKeys:0"] = oldKey }))
        {
            (await VerifyAsync(rotated)).Intact.ShouldBeTrue();
            _clock.Advance(AuditAnchorGrain.Period);
            (await AnchorAsync(rotated))!.KeyId.ShouldBe(AnchorKeyRing.IdOf(Convert.FromBase64String(newKey)));
            var report = await VerifyAsync(rotated);
            report.Intact.ShouldBeTrue(string.Join("; ", report.Problems.Select(p => p.Problem)));
            report.LatestAnchor!.Sequence.ShouldBe(2);
        }

        await using var forgotten = Start(new Dictionary<string, string> { ["Privacy:AnchorKey"] = newKey });
        var without = await VerifyAsync(forgotten);
        without.ForgedAnchors.ShouldBe([1L]);
        without.Problems.Select(p => p.Status).Distinct().ShouldBe([ChainStatus.AnchorForged]);
    }

    [Fact]
    public async Task AVerificationOfADistrictIdThatIsNoIdIsABadRequestWithProblemDetails()
    {
        var admin = await ApiClient.SignInAsync(Start(), "admin");

        var response = await admin.Http.GetAsync("api/audit/verification?districtId=NOT%20AN%20ID");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("districtId")[0].GetString().ShouldBe("must be 1-64 lower-case letters, digits or '-'");
    }

    [Fact]
    public async Task WithoutADistrictIdTheCallersOwnDistrictIsVerified()
    {
        var admin = await ApiClient.SignInAsync(Start(), "admin");

        (await admin.GetAsync<AuditVerificationReport>("api/audit/verification")).DistrictId.ShouldBe(TestSeed.District);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }
}
