using CrisisHub.Contracts.Audit;
using CrisisHub.Server.Operations;

namespace CrisisHub.Server.Tests;

/// <summary>
/// The drill of runbooks/backup-and-restore.md: an online backup of a running server with `CrisisHub.Server --backup`, a
/// restore into a fresh data folder with the anchor key kept apart, and every chain verified on the restored server.
/// </summary>
public sealed class BackupRestoreDrillTests : IAsyncLifetime
{
    private readonly string _live = CrisisHubFactory.NewDataFolder();
    private readonly string _restored = CrisisHubFactory.NewDataFolder();
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "crisishub-server-tests", $"backups-{Guid.NewGuid():N}");
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = CrisisHubFactory.NewClock();

    [Fact]
    public async Task ABackupTakenWhileTheServerRunsRestoresIntoAServerWhoseEveryChainVerifies()
    {
        var backup = Path.Combine(_backups, "crisishub-2026-11-23-0800.db");
        await using (var live = new CrisisHubFactory(_live, _clock))
        {
            var chains = await AuditAnchorTests.OpenCasesAsync(live, 3);
            var admin = await ApiClient.SignInAsync(live, "admin");
            (await admin.Http.PutAsJsonAsync("api/admin/nodes/ts1-g1-c9", new { level = "Class", name = "drill", parentId = TestSeed.Grade }))
                .EnsureSuccessStatusCode();
            (await AuditAnchorTests.AnchorAsync(live)).ShouldNotBeNull();

            // Step 1 of the runbook, while the server runs (its writer and readers hold the database open).
            var (exitCode, output) = await ServerProcess.RunCommandAsync([OnlineBackup.Switch, backup],
                new Dictionary<string, string> { ["CrisisHub__DataFolder"] = _live });
            exitCode.ShouldBe(0, output);
            output.ShouldContain($"to {backup}");
            if (!OperatingSystem.IsWindows()) System.IO.File.GetUnixFileMode(backup).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

            // The server goes on: a case read after the backup is not in it, and need not be.
            var teacher = await ApiClient.SignInAsync(live, "ts1-g1-c1-teacher");
            (await teacher.Http.GetAsync($"api/cases/{chains[0][AuditAnchors.CasePrefix.Length..]}")).EnsureSuccessStatusCode();
        }

        // Restore into a fresh data folder: the database from the backup, the anchor key from where it is kept apart.
        System.IO.File.Copy(backup, Path.Combine(_restored, "crisishub.db"));
        CopyFolder(Path.Combine(_live, "secrets"), Path.Combine(_restored, "secrets"));
        await using var restored = new CrisisHubFactory(_restored, _clock);

        var report = await AuditAnchorTests.VerifyAsync(restored);

        report.Intact.ShouldBeTrue(string.Join("; ", report.Problems.Select(p => $"{p.Chain}: {p.Problem}")));
        report.ChainCount.ShouldBe(7, "three cases, their three students' read logs and the district's admin chain");
        report.AnchoredCount.ShouldBe(7);
        report.LatestAnchor!.SignatureValid.ShouldBeTrue();
    }

    [Fact]
    public async Task TheBackupCommandRefusesToOverwriteAFileAndSaysHowItIsUsed()
    {
        var existing = Path.Combine(_backups, "taken.db");
        Directory.CreateDirectory(_backups);
        await System.IO.File.WriteAllTextAsync(existing, "keep me");
        await using (var live = new CrisisHubFactory(_live, _clock)) _ = live.BaseAddress;
        var environment = new Dictionary<string, string> { ["CrisisHub__DataFolder"] = _live };

        var (overwrite, said) = await ServerProcess.RunCommandAsync([OnlineBackup.Switch, existing], environment);
        var (usage, told) = await ServerProcess.RunCommandAsync([OnlineBackup.Switch], environment);

        overwrite.ShouldBe(1);
        said.ShouldContain("Backup failed");
        (await System.IO.File.ReadAllTextAsync(existing)).ShouldBe("keep me");
        usage.ShouldBe(2);
        told.ShouldContain("Usage: CrisisHub.Server --backup <file>");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) System.IO.File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_backups)) Directory.Delete(_backups, recursive: true);
        return Task.CompletedTask;
    }
}
