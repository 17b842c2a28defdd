namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 17: the data-protection keys (which encrypt and sign sign-in cookies and tokens) are encrypted at rest with the
/// storage keys, and a cookie issued before a restart still signs in after it.
/// </summary>
public sealed class DataProtectionAtRestTests : IAsyncLifetime
{
    private readonly string _folder = CrisisHubFactory.NewDataFolder();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = CrisisHubFactory.NewClock();

    [Fact]
    public async Task TheKeyXmlHoldsNoPlainMasterKeyAndACookieStillSignsInAfterARestart()
    {
        string cookie;
        await using (var first = new CrisisHubFactory(_folder, _clock))
        {
            cookie = await CookieSignInAsync(first, "ts1-g1-c1-teacher");
            (await MeAsync(first, cookie)).ShouldBe(HttpStatusCode.OK);
        }

        var keyFiles = Directory.GetFiles(Path.Combine(_folder, "keys"), "*.xml");
        keyFiles.ShouldNotBeEmpty();
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
            xml.ShouldContain("<encryptedSecret", Case.Sensitive, file);
            xml.ShouldContain("enc:v", Case.Sensitive, file);
            xml.ShouldNotContain("<masterKey", Case.Sensitive, $"{file} holds the key material in plain text");
        }

        await using var second = new CrisisHubFactory(_folder, _clock);
        (await MeAsync(second, cookie)).ShouldBe(HttpStatusCode.OK, "the cookie from before the restart");
        (await MeAsync(second, "crisishub=none")).ShouldBe(HttpStatusCode.Unauthorized, "without the cookie");
    }

    /// <summary>As a browser on CrisisHub's page signs in; the cookie's name=value, to present it to another server process.</summary>
    private static async Task<string> CookieSignInAsync(CrisisHubFactory factory, string userName)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = factory.BaseAddress };
        http.DefaultRequestHeaders.Add("Origin", factory.BaseAddress.GetLeftPart(UriPartial.Authority));
        var response = await http.PostAsJsonAsync("api/auth/login", new { userName, password = TestSeed.Password });
        response.EnsureSuccessStatusCode();
        // All of it: a large cookie comes in chunks (crisishub, crisishubC1, …).
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("crisishub")).Select(c => c.Split(';')[0]));
    }

    private static async Task<HttpStatusCode> MeAsync(CrisisHubFactory factory, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = factory.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        request.Headers.Add("Cookie", cookie);
        return (await http.SendAsync(request)).StatusCode;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
