using CrisisHub.Privacy;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Privacy;
using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests;

/// <summary>Where a node's storage keys come from, and the configurations that must refuse the start (exit code 13).</summary>
public sealed class StorageKeySourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crisishub-keys-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private LoadedStorageKeys Load(PrivacyOptions privacy, bool clusterMode = false, bool sealedData = false) =>
        new StorageKeyRingSource(privacy, clusterMode, _folder, _clock).Load(() => sealedData);

    [Fact]
    public void EmbeddedModeWithNothingConfiguredMakesItsKeyFileOnceAndReadsItAfterwards()
    {
        var first = Load(new PrivacyOptions());
        _clock.Advance(TimeSpan.FromDays(400));
        var second = Load(new PrivacyOptions());

        first.Created.ShouldBeTrue();
        first.Ring.CurrentKeyId.ShouldBe("2026-11-23");
        second.Created.ShouldBeFalse();
        second.Ring.CurrentKeyId.ShouldBe("2026-11-23");
        second.Ring.Open(first.Ring.Seal("note", "c"), "c").ShouldBe("note");
        File.Exists(Path.Combine(_folder, "secrets", "storage-keys.json")).ShouldBeTrue();
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(Path.Combine(_folder, "secrets")).ShouldBe(OwnerOnly.Folder);
    }

    [Fact]
    public void ClusterModeWithoutKeysIsRefusedAndSaysWhy()
    {
        var refused = Should.Throw<StartupFailure>(() => Load(new PrivacyOptions(), clusterMode: true));

        refused.ExitCode.ShouldBe(StartupFailure.InvalidConfiguration);
        refused.Message.ShouldContain("Privacy:StorageKeys (or Privacy:StorageKeyFile) is required in cluster mode");
        Directory.Exists(Path.Combine(_folder, "secrets")).ShouldBeFalse("a cluster node never makes up a key");
    }

    [Fact]
    public void ConfiguredKeysAreUsedWithTheNamedCurrentOne()
    {
        var privacy = new PrivacyOptions
        {
            StorageKeys = [new() { Id = "2026-01", Key = NewKey() }, new() { Id = "2026-07", Key = NewKey() }],
            CurrentStorageKey = "2026-07",
        };

        var loaded = Load(privacy, clusterMode: true);

        loaded.Ring.CurrentKeyId.ShouldBe("2026-07");
        loaded.Ring.KeyIds.ShouldBe(["2026-01", "2026-07"], ignoreOrder: true);
        loaded.Source.ShouldBe("configuration (Privacy:StorageKeys)");
    }

    [Fact]
    public void AnEmptyKeySlotIsAPlaceholderNotAKey()
    {
        // As compose passes the previous key's slot outside a rotation: Privacy__StorageKeys__1__Id= and __Key=.
        var privacy = new PrivacyOptions { StorageKeys = [new() { Id = "k1", Key = NewKey() }, new()], CurrentStorageKey = "k1" };

        privacy.Problem(clusterMode: true).ShouldBeNull();
        Load(privacy, clusterMode: true).Ring.KeyIds.ShouldBe(["k1"]);
        new PrivacyOptions { StorageKeys = [new()] }.Problem(clusterMode: true).ShouldNotBeNull().ShouldContain("is required in cluster mode");
    }

    [Theory]
    [InlineData("two keys, no current", "Privacy:CurrentStorageKey is required when Privacy:StorageKeys lists more than one key")]
    [InlineData("bad key", "Privacy:StorageKeys: Storage key 'k1' is not base64")]
    [InlineData("short key", "Privacy:StorageKeys: Storage key 'k1' must be 32 bytes")]
    [InlineData("empty key", "Privacy:StorageKeys: Storage key 'k1' is empty")]
    [InlineData("unknown current", "Privacy:StorageKeys: The current storage key 'k9' is not among the keys (k1)")]
    [InlineData("keys and file", "Privacy:StorageKeys and Privacy:StorageKeyFile are both set")]
    [InlineData("current without keys", "Privacy:CurrentStorageKey names one of Privacy:StorageKeys, and none is listed")]
    public void AConfigurationThatGivesNoRingIsRefused(string configuration, string problem)
    {
        var privacy = configuration switch
        {
            "two keys, no current" => new PrivacyOptions { StorageKeys = [new() { Id = "k1", Key = NewKey() }, new() { Id = "k2", Key = NewKey() }] },
            "bad key" => new PrivacyOptions { StorageKeys = [new() { Id = "k1", Key = "not-base64!" }] },
            "short key" => new PrivacyOptions { StorageKeys = [new() { Id = "k1", Key = Convert.ToBase64String(new byte[16]) }] },
            "empty key" => new PrivacyOptions { StorageKeys = [new() { Id = "k1", Key = "" }] },
            "unknown current" => new PrivacyOptions { StorageKeys = [new() { Id = "k1", Key = NewKey() }], CurrentStorageKey = "k9" },
            "keys and file" => new PrivacyOptions { StorageKeys = [new() { Id = "k1", Key = NewKey() }], StorageKeyFile = "/run/secrets/keys.json" },
            _ => new PrivacyOptions { CurrentStorageKey = "k1" },
        };

        privacy.Problem(clusterMode: false).ShouldNotBeNull().ShouldContain(problem);
        Should.Throw<StartupFailure>(() => Load(privacy)).ExitCode.ShouldBe(StartupFailure.InvalidConfiguration);
    }

    [Fact]
    public void AConfiguredKeyFileMustExistAndIsReadAsItIs()
    {
        var path = Path.Combine(_folder, "cluster-keys.json");
        Should.Throw<StartupFailure>(() => Load(new PrivacyOptions { StorageKeyFile = path }, clusterMode: true)).Message
            .ShouldBe($"Privacy:StorageKeyFile {path} does not exist.");

        StorageKeyFile.TryCreate(path, StorageKeyRing.Of(StorageKey.Generate("shared"))).ShouldBeTrue();
        var loaded = Load(new PrivacyOptions { StorageKeyFile = path }, clusterMode: true);

        loaded.Ring.CurrentKeyId.ShouldBe("shared");
        loaded.Created.ShouldBeFalse();
    }

    [Fact]
    public void AMissingKeyFileOverADatabaseWithSealedDataIsRefusedNotReplaced()
    {
        var refused = Should.Throw<StartupFailure>(() => Load(new PrivacyOptions(), sealedData: true));

        refused.ExitCode.ShouldBe(StartupFailure.InvalidConfiguration);
        refused.Message.ShouldContain("is missing, but the database holds encrypted data");
        File.Exists(Path.Combine(_folder, "secrets", "storage-keys.json")).ShouldBeFalse();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
