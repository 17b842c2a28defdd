using System.Text.Json;

namespace CrisisHub.Server.Tests.Push;

/// <summary>A server with Web Push turned off: it says so, takes no subscription, and its health reads "off".</summary>
public sealed class WebPushOffTests : IAsyncLifetime
{
    private CrisisHubFactory _server = null!;

    public Task InitializeAsync()
    {
        _server = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), CrisisHubFactory.NewClock(),
            settings: new Dictionary<string, string> { ["CrisisHub:WebPush:Enabled"] = "false" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheKeyIsWithheldASubscriptionIsAConflictAndTheHealthSaysOff()
    {
        var teacher = await ApiClient.SignInAsync(_server, "ts1-g1-c1-teacher");

        var key = await teacher.GetAsync<JsonElement>("api/push/key");
        key.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        key.GetProperty("publicKey").ValueKind.ShouldBe(JsonValueKind.Null);
        (await teacher.GetAsync<JsonElement>("api/push/health")).GetProperty("mode").GetString().ShouldBe("off");
        using var point = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = point.ExportParameters(false).Q;
        var answer = await teacher.PostAsync("api/push/devices", new
        {
            endpoint = "https://fcm.googleapis.com/fcm/send/off",
            keys = new { p256dh = System.Buffers.Text.Base64Url.EncodeToString([4, .. q.X!, .. q.Y!]), auth = "AAAAAAAAAAAAAAAAAAAAAA" },
        });
        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("Web Push is off");
        File.Exists(CrisisHub.Server.Push.VapidKeys.DefaultKeyFile(_server.DataFolder)).ShouldBeFalse("no key pair is made for a channel that is off");
    }
}
