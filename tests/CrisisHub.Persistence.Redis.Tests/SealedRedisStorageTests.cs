using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Sms;
using CrisisHub.Privacy;
using CrisisHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using StackExchange.Redis;

namespace CrisisHub.Persistence.Redis.Tests;

/// <summary>
/// Issue 17 in cluster mode: what the nodes keep in Redis (Orleans' grain state, the audit log, the outbox) is sealed with
/// the storage keys. Read back here as raw Redis values, as someone holding a copy of Redis' data (and no key) would.
/// </summary>
public sealed class SealedRedisStorageTests(RedisAuditLogTests.RedisFixture redis) : IClassFixture<RedisAuditLogTests.RedisFixture>
{
    private const string Name = "欧阳测试";
    private const string Phone = "+13125550177";
    private const string Note = "她说不想活了 NOTE-4c2e";
    private static readonly StorageKey A = StorageKey.Generate("a");
    private static readonly StorageKey B = StorageKey.Generate("b");
    private static readonly StorageKeyRing OnlyA = StorageKeyRing.Of(A);
    private static readonly StorageKeyRing RotatedToB = new([A, B], "b");

    private readonly string _serviceId = $"sealed-{Guid.NewGuid():N}";
    private readonly GrainId _grain = GrainId.Create("studentcase", "c-1");

    private IDatabase Raw => redis.Connection.GetDatabase();

    /// <summary>Orleans' default key for a state: {ServiceId}/state/{grain type}/{grain key}/{state name}.</summary>
    private RedisKey StateKey(GrainId grain) => $"{_serviceId}/state/{grain.Type}/{grain.Key}/case";

    private static GrainState<LocalText> State() => new() { State = new LocalText("SM1", "c-1-1-teacher", Phone, $"{Name} {Note}", DateTimeOffset.UnixEpoch) };

    [Fact]
    public async Task GrainStateIsSealedInRedisAndOpensOnlyUnderItsOwnGrain()
    {
        await using var silo = await SiloAsync(OnlyA);
        var written = State();
        await silo.Storage.WriteStateAsync("case", _grain, written);

        var stored = (string)(await Raw.HashGetAsync(StateKey(_grain), "data"))!;
        stored.ShouldStartWith("enc:v1:a:");
        foreach (var secret in new[] { Name, Phone, "NOTE-4c2e" }) stored.ShouldNotContain(secret);
        var read = new GrainState<LocalText>();
        await silo.Storage.ReadStateAsync("case", _grain, read);
        read.State.ShouldBe(written.State);

        // The same bytes under another grain's key: a case's state copied onto another case does not pass for it.
        var other = GrainId.Create("studentcase", "c-2");
        await Raw.HashSetAsync(StateKey(other), [new("etag", "x"), new("data", stored)]);
        var copied = await Should.ThrowAsync<Exception>(() => silo.Storage.ReadStateAsync("case", other, new GrainState<LocalText>()));
        copied.Message.ShouldContain("copied from where another record is stored");
    }

    [Fact]
    public async Task StateWrittenBeforeEncryptionIsReadAndSealedAtItsNextWrite()
    {
        var written = State();
        await using (var before = await SiloAsync(keys: null))
        {
            await before.Storage.WriteStateAsync("case", _grain, written);
        }

        ((string)(await Raw.HashGetAsync(StateKey(_grain), "data"))!).ShouldContain(Phone, customMessage: "Orleans' own provider stores it plain");

        await using var after = await SiloAsync(OnlyA);
        var read = new GrainState<LocalText>();
        await after.Storage.ReadStateAsync("case", _grain, read);
        read.State.ShouldBe(written.State);
        await after.Storage.WriteStateAsync("case", _grain, read);
        ((string)(await Raw.HashGetAsync(StateKey(_grain), "data"))!).ShouldStartWith("enc:v1:a:");
    }

    [Fact]
    public async Task AfterRotationOldStateStillReadsNewStateUsesTheNewKeyAndDroppingTheOldKeyFailsByName()
    {
        var written = State();
        await using (var beforeRotation = await SiloAsync(OnlyA))
        {
            await beforeRotation.Storage.WriteStateAsync("case", _grain, written);
        }

        var newer = GrainId.Create("studentcase", "c-new");
        await using (var rotated = await SiloAsync(RotatedToB))
        {
            var read = new GrainState<LocalText>();
            await rotated.Storage.ReadStateAsync("case", _grain, read);
            read.State.ShouldBe(written.State);
            await rotated.Storage.WriteStateAsync("case", newer, State());
        }

        ((string)(await Raw.HashGetAsync(StateKey(newer), "data"))!).ShouldStartWith("enc:v1:b:");
        ((string)(await Raw.HashGetAsync(StateKey(_grain), "data"))!).ShouldStartWith("enc:v1:a:", customMessage: "read, not rewritten");
        await using var withoutA = await SiloAsync(StorageKeyRing.Of(B));
        var failed = await Should.ThrowAsync<Exception>(() => withoutA.Storage.ReadStateAsync("case", _grain, new GrainState<LocalText>()));
        failed.Message.ShouldContain("storage key 'a', which is not in this node's key ring");
    }

    [Fact]
    public async Task AuditRecordsAndTextsInRedisHoldNoPlaintextAndOpenAfterRotation()
    {
        var auditPrefix = $"crisishub:audit-sealed-{Guid.NewGuid():N}:";
        var outboxPrefix = $"crisishub:outbox-sealed-{Guid.NewGuid():N}:";
        var first = Record(1, "genesis");
        await new RedisAuditLog(redis.Connection, OnlyA, auditPrefix).AppendAsync("case:c-1", [first]);
        var text = new LocalText("SM1", "c-1-1-teacher", Phone, $"{Name} 回复 1 4821", DateTimeOffset.UnixEpoch);
        await new RedisLocalOutbox(redis.Connection, OnlyA, outboxPrefix).RecordAsync(text);

        var rotatedLog = new RedisAuditLog(redis.SecondConnection, RotatedToB, auditPrefix);
        var second = Record(2, first.Hash);
        await rotatedLog.AppendAsync("case:c-1", [second]);
        (await rotatedLog.ReadAsync("case:c-1")).ShouldBe([first, second]);
        await rotatedLog.AppendAsync("case:c-1", [first, second]); // a retry is still recognised by its hashes
        var rotatedOutbox = new RedisLocalOutbox(redis.SecondConnection, RotatedToB, outboxPrefix);
        (await rotatedOutbox.FindAsync("c-1-1-teacher")).ShouldBe(text);

        var items = (await Raw.ListRangeAsync($"{auditPrefix}case:c-1")).Select(v => (string)v!).ToArray();
        items.Length.ShouldBe(2);
        items[0].ShouldContain("\"before\":\"enc:v1:a:");
        items[1].ShouldContain("\"before\":\"enc:v1:b:");
        var texts = (await Raw.ListRangeAsync($"{outboxPrefix}latest")).Select(v => (string)v!).Append((string)(await Raw.StringGetAsync($"{outboxPrefix}message:c-1-1-teacher"))!);
        foreach (var stored in items.Concat(texts))
        foreach (var secret in new[] { Name, Phone, "NOTE-4c2e", "4821" })
            stored.ShouldNotContain(secret);
    }

    /// <summary>A record with sensitive before/after, its hash as a store sees it (the stores never recompute it).</summary>
    private static AuditRecord Record(long sequence, string previous) =>
        new(sequence, DateTimeOffset.UnixEpoch, "ts1-g1-c1-teacher", "HeadTeacher", "ActionRecorded", $"{Name} {Phone}", Note, previous, $"hash-{sequence}");

    /// <summary>A silo with one Redis grain storage "cases": sealed with <paramref name="keys"/>, or Orleans' own (as before encryption).</summary>
    private async Task<Silo> SiloAsync(StorageKeyRing? keys)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next(), serviceId: _serviceId, clusterId: _serviceId);
            if (keys is null)
            {
                silo.AddRedisGrainStorage("cases", o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
                return;
            }

            silo.Services.AddSingleton(keys);
            silo.AddSealedRedisGrainStorage("cases", o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new Silo(host);
    }

    private sealed class Silo(IHost host) : IAsyncDisposable
    {
        public IGrainStorage Storage => host.Services.GetRequiredKeyedService<IGrainStorage>("cases");

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
