using CrisisHub.Grains.Audit;
using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Tests;

/// <summary>Where the anchor key comes from: configuration, a key file, or (embedded only) a file made on first start.</summary>
public sealed class AnchorKeySetupTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crisishub-server-tests", $"keys-{Guid.NewGuid():N}");
    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void TheEmbeddedServerMakesAKeyOnFirstStartInAnOwnerOnlyFileOutsideTheDatabaseAndKeepsIt()
    {
        var first = AnchorKeySetup.Load(new AnchorKeyOptions(), _folder, clusterMode: false);
        var again = AnchorKeySetup.Load(new AnchorKeyOptions(), _folder, clusterMode: false);

        var file = AnchorKeySetup.DefaultKeyFile(_folder);
        again.CurrentKeyId.ShouldBe(first.CurrentKeyId);
        first.CurrentKeyId.ShouldBe(AnchorKeyRing.IdOf(Convert.FromBase64String(File.ReadAllLines(file)[0])));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(OwnerOnly.File);
            File.GetUnixFileMode(Path.GetDirectoryName(file)!).ShouldBe(OwnerOnly.Folder);
        }
    }

    [Fact]
    public void AClusterNodeWithoutAKeyRefusesToStartAsInvalidConfigurationAndSaysWhatToSet()
    {
        var failure = Should.Throw<StartupFailure>(() => AnchorKeySetup.Load(new AnchorKeyOptions(), _folder, clusterMode: true));

        failure.ExitCode.ShouldBe(StartupFailure.InvalidConfiguration);
        failure.Message.ShouldContain("Privacy:AnchorKey");
        failure.Message.ShouldContain("Privacy__AnchorKey");
        File.Exists(AnchorKeySetup.DefaultKeyFile(_folder)).ShouldBeFalse("a node must not make a key of its own that no other node knows");
    }

    [Fact]
    public void AConfiguredKeySignsAndPreviousKeysStillVerify()
    {
        var (current, previous) = (NewKey(), NewKey());

        var ring = AnchorKeySetup.Load(new AnchorKeyOptions { AnchorKey = current, PreviousAnchorKeys = [previous] }, _folder, clusterMode: true);

        ring.CurrentKeyId.ShouldBe(AnchorKeyRing.IdOf(Convert.FromBase64String(current)));
        ring.KeyIds.ShouldBe([ring.CurrentKeyId, AnchorKeyRing.IdOf(Convert.FromBase64String(previous))], ignoreOrder: true);
    }

    [Fact]
    public void AKeyFileSignsWithItsFirstLineAndVerifiesWithTheOthers()
    {
        Directory.CreateDirectory(_folder);
        var (current, older) = (NewKey(), NewKey());
        var file = Path.Combine(_folder, "anchor-keys");
        File.WriteAllLines(file, ["# newest first", current, older]);

        var ring = AnchorKeySetup.Load(new AnchorKeyOptions { AnchorKeyFile = file }, _folder, clusterMode: true);

        ring.CurrentKeyId.ShouldBe(AnchorKeyRing.IdOf(Convert.FromBase64String(current)));
        ring.KeyIds.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("not base64!", "Privacy:AnchorKey is not base64.")]
    [InlineData("c2hvcnQ=", "Privacy:AnchorKey has 5 bytes; an anchor key needs at least 32")]
    public void AKeyThatIsNotBase64OfThirtyTwoBytesIsInvalidConfiguration(string key, string message)
    {
        var failure = Should.Throw<StartupFailure>(() => AnchorKeySetup.Load(new AnchorKeyOptions { AnchorKey = key }, _folder, clusterMode: false));

        failure.ExitCode.ShouldBe(StartupFailure.InvalidConfiguration);
        failure.Message.ShouldStartWith(message);
    }
}
