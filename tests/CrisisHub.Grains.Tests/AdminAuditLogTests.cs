using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CrisisHub.Grains.Tests;

/// <summary>A district's admin audit log: paged storage, one chain across pages, and tampering caught in storage.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AdminAuditLogTests(ClusterFixture fixture)
{
    private static readonly Actor Admin = new("admin", "Admin", ResponderRole.Admin);
    private readonly IGrainFactory _grains = fixture.Grains;

    private static string NewDistrict() => $"ad-{Guid.NewGuid():N}"[..20];

    private async Task AppendAsync(string district, int count)
    {
        var log = _grains.GetGrain<IAdminAuditGrain>(district);
        for (var i = 1; i <= count; i++)
            await log.AppendAsync(new AdminChange(Admin, AdminAuditActions.NodeDefined, $"node:n{i}", i == 1 ? null : $"{{\"name\":\"{i - 1}\"}}", $"{{\"name\":\"{i}\"}}"));
    }

    /// <summary>Rewrites one page as stored, behind the grains' backs, as someone with database access could.</summary>
    private async Task TamperAsync(string district, long page, Action<List<AdminAuditRecord>> change)
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.AdminAudit);
        var grainId = _grains.GetGrain<IAdminAuditPageGrain>($"{district}/{page}").GetGrainId();
        var stored = new GrainState<AdminAuditPageState>();
        await storage.ReadStateAsync("page", grainId, stored);
        var records = new List<AdminAuditRecord>(stored.State?.Records ?? []);
        change(records);
        stored.State = new AdminAuditPageState { Records = records };
        await storage.WriteStateAsync("page", grainId, stored);
    }

    [Fact]
    public async Task OneChainRunsAcrossPagesAndReadsPageBackwardsFromTheNewest()
    {
        var district = NewDistrict();
        await AppendAsync(district, AdminAuditGrain.PageSize + 4);
        var log = _grains.GetGrain<IAdminAuditGrain>(district);

        var newest = await log.ReadAsync(before: null, take: 3);
        var oldest = await log.ReadAsync(before: 3, take: 10);

        newest.Verification.ShouldBe(new AuditVerification(true, AdminAuditGrain.PageSize + 4, null, null));
        newest.Records.Select(r => r.Sequence).ShouldBe([260L, 259L, 258L]);
        newest.NextBefore.ShouldBe(258);
        newest.Records[0].At.ShouldBe(fixture.Clock.GetUtcNow());
        newest.Records[0].ActorId.ShouldBe("admin");
        newest.Records[^1].PreviousHash.ShouldBe((await log.ReadAsync(258, 1)).Records[0].Hash);
        oldest.Records.Select(r => r.Sequence).ShouldBe([2L, 1L]);
        oldest.NextBefore.ShouldBeNull();
        (await _grains.GetGrain<IAdminAuditPageGrain>($"{district}/1").GetAsync()).Length.ShouldBe(4, "record 257 starts the second page");
    }

    [Fact]
    public async Task AnAlteredRecordInStorageIsReportedAtItsSequence()
    {
        var district = NewDistrict();
        await AppendAsync(district, 5);

        await TamperAsync(district, 0, records => records[2] = records[2] with { After = "{\"name\":\"forged\"}" });
        var view = await _grains.GetGrain<IAdminAuditGrain>(district).ReadAsync(null, 50);

        view.Verification.Intact.ShouldBeFalse();
        view.Verification.FirstBrokenSequence.ShouldBe(3);
    }

    [Fact]
    public async Task ARemovedNewestRecordIsReportedThoughEveryRemainingHashHolds()
    {
        var district = NewDistrict();
        await AppendAsync(district, 3);

        await TamperAsync(district, 0, records => records.RemoveAt(2));
        var view = await _grains.GetGrain<IAdminAuditGrain>(district).ReadAsync(null, 50);

        view.Verification.Intact.ShouldBeFalse();
        view.Verification.Problem!.ShouldContain("removed");
    }

    [Fact]
    public async Task AnUnknownActionIsRefusedAndNothingIsChained()
    {
        var district = NewDistrict();
        var log = _grains.GetGrain<IAdminAuditGrain>(district);

        await Should.ThrowAsync<DomainRuleException>(() => log.AppendAsync(new AdminChange(Admin, "Whatever", "node:x", null, null)));

        (await log.ReadAsync(null, 10)).Verification.RecordCount.ShouldBe(0);
    }
}
