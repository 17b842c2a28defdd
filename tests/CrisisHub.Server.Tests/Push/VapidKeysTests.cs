using Microsoft.Extensions.Configuration;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Push;

namespace CrisisHub.Server.Tests.Push;

public sealed class VapidKeysTests : IDisposable
{
    private readonly string _folder = CrisisHubFactory.NewDataFolder();

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TheEmbeddedServerMakesItsPairOnFirstStartInAnOwnerOnlyFileAndKeepsIt()
    {
        var first = VapidKeys.Load(new WebPushOptions(), _folder, clusterMode: false);
        var again = VapidKeys.Load(new WebPushOptions(), _folder, clusterMode: false);

        first.On.ShouldBeTrue();
        again.PublicKey.ShouldBe(first.PublicKey);
        again.PrivateKey.ShouldBe(first.PrivateKey);
        System.Buffers.Text.Base64Url.DecodeFromChars(first.PublicKey).Length.ShouldBe(65);
        var file = VapidKeys.DefaultKeyFile(_folder);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void AClusterNodeUsesTheConfiguredPairOrRunsWithPushOffAndSaysWhy()
    {
        var embedded = VapidKeys.Load(new WebPushOptions(), _folder, clusterMode: false);
        var configured = VapidKeys.Load(new WebPushOptions { PublicKey = embedded.PublicKey, PrivateKey = embedded.PrivateKey, Subject = "mailto:ops@school.example" },
            Path.Combine(_folder, "elsewhere"), clusterMode: true);
        configured.PublicKey.ShouldBe(embedded.PublicKey);
        configured.Subject.ShouldBe("mailto:ops@school.example");
        Directory.Exists(Path.Combine(_folder, "elsewhere")).ShouldBeFalse("a configured pair writes nothing");

        var off = VapidKeys.Load(new WebPushOptions(), Path.Combine(_folder, "cluster"), clusterMode: true);
        off.On.ShouldBeFalse();
        off.OffBecause!.ShouldContain("CrisisHub__WebPush__PublicKey");
        VapidKeys.Load(new WebPushOptions { Enabled = false }, _folder, clusterMode: false).On.ShouldBeFalse();
    }

    [Fact]
    public void APairThatIsNotOneRefusesToStartAndSaysWhatIsExpected()
    {
        var a = VapidKeys.Load(new WebPushOptions(), _folder, clusterMode: false);
        var b = VapidKeys.Load(new WebPushOptions(), Path.Combine(_folder, "other"), clusterMode: false);

        var mismatched = Should.Throw<StartupFailure>(() =>
            VapidKeys.Load(new WebPushOptions { PublicKey = a.PublicKey, PrivateKey = b.PrivateKey }, _folder, clusterMode: true));
        mismatched.ExitCode.ShouldBe(StartupFailure.InvalidConfiguration);
        mismatched.Message.ShouldContain("P-256 pair");
        Should.Throw<StartupFailure>(() => VapidKeys.Load(new WebPushOptions { PublicKey = "short", PrivateKey = a.PrivateKey }, _folder, clusterMode: true));
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", true)]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc", true)]
    [InlineData("https://web.push.apple.com/abc", true)]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc", false)]
    [InlineData("https://fcm.googleapis.com.attacker.example/abc", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    [InlineData("http://127.0.0.1:8080/push/abc", false)]
    public void OnlyTheBrowsersPushServicesAreAdmittedByDefault(string endpoint, bool admitted) =>
        new WebPushOptions().Admits(endpoint).ShouldBe(admitted);

    [Fact]
    public void AConfiguredListReplacesTheBrowsersServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CrisisHub:WebPush:AllowedHosts:0"] = "push.school.example" }).Build();
        var options = new WebPushOptions();
        configuration.GetSection(WebPushOptions.Section).Bind(options);

        options.EffectiveHosts.ShouldBe(["push.school.example"]);
        options.Admits("https://push.school.example/d/1").ShouldBeTrue();
        options.Admits("https://fcm.googleapis.com/fcm/send/abc").ShouldBeFalse();
    }
}
