namespace CrisisHub.Server.Tests;

/// <summary>The data folder and the files in it that hold data are the server account's alone.</summary>
[Collection(ServerCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderModeTests(ServerFixture server)
{
    [Fact]
    public async Task TheDataFolderIs0700AndTheDatabaseAndLogFilesAre0600()
    {
        // A request, so the log file exists.
        (await new HttpClient { BaseAddress = server.Factory.BaseAddress }.GetAsync("api/config")).EnsureSuccessStatusCode();
        var folder = server.Factory.DataFolder;

        File.GetUnixFileMode(folder).ShouldBe(Hosting.OwnerOnly.Folder);
        File.GetUnixFileMode(Path.Combine(folder, "crisishub.db")).ShouldBe(Hosting.OwnerOnly.File);
        var logs = await Eventually.Async(() => Task.FromResult(Directory.Exists(Path.Combine(folder, "logs")) ? Directory.GetFiles(Path.Combine(folder, "logs")) : []),
            files => files.Length > 0);
        logs.ShouldAllBe(f => File.GetUnixFileMode(f) == Hosting.OwnerOnly.File);
        foreach (var sidecar in new[] { "crisishub.db-wal", "crisishub.db-shm" }.Select(f => Path.Combine(folder, f)).Where(File.Exists))
            File.GetUnixFileMode(sidecar).ShouldBe(Hosting.OwnerOnly.File, sidecar);
    }
}
