namespace CrisisHub.Privacy.Tests;

public sealed class StorageKeyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crisishub-keyfile-").FullName;

    private string KeyFile => Path.Combine(_folder, "storage-keys.json");

    [Fact]
    public void AKeyFileIsWrittenOwnerOnlyReadsBackAndIsNeverOverwritten()
    {
        var ring = new StorageKeyRing([StorageKey.Generate("2026-01-01"), StorageKey.Generate("2026-06-01")], "2026-06-01");

        StorageKeyFile.TryCreate(KeyFile, ring).ShouldBeTrue();
        var read = StorageKeyFile.Read(KeyFile);

        read.CurrentKeyId.ShouldBe("2026-06-01");
        read.KeyIds.ShouldBe(["2026-01-01", "2026-06-01"], ignoreOrder: true);
        read.Open(ring.Seal("note", "c"), "c").ShouldBe("note", "the same key material");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(KeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        StorageKeyFile.TryCreate(KeyFile, StorageKeyRing.Of(StorageKey.Generate("other"))).ShouldBeFalse();
        StorageKeyFile.Read(KeyFile).CurrentKeyId.ShouldBe("2026-06-01", "an existing key file is never replaced");
        Directory.GetFiles(_folder).ShouldBe([KeyFile], "no temporary file is left behind");
    }

    [Fact]
    public void AnOperatorEditedFileWithOneKeyNeedsNoCurrentAndABrokenFileSaysWhere()
    {
        File.WriteAllText(KeyFile, $$"""{ "keys": [ { "id": "k1", "key": "{{Convert.ToBase64String(new byte[32])}}" } ] }""");
        StorageKeyFile.Read(KeyFile).CurrentKeyId.ShouldBe("k1");

        File.WriteAllText(KeyFile, """{ "current": "k1", "keys": [ { "id": "k1", "key": "c2hvcnQ=" } ] }""");
        Should.Throw<InvalidDataException>(() => StorageKeyFile.Read(KeyFile)).Message.ShouldContain($"The storage key file {KeyFile}: Storage key 'k1' must be 32 bytes");

        File.WriteAllText(KeyFile, "{ not json");
        Should.Throw<InvalidDataException>(() => StorageKeyFile.Read(KeyFile)).Message.ShouldContain("is not valid JSON");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
