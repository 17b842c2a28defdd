using System.Text;
using CrisisHub.Server.Tests.Authorization;
using System.Text.Json;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Privacy;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Server.Tests.Integrations;

/// <summary>
/// Issue 19, point 1: an integration client's key life cycle. A server of its own (the tests move its clock by hours);
/// each test registers its own client.
/// </summary>
public sealed class IntegrationKeyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = server.Factory.BaseAddress };

    private Task<ApiClient> AdminAsync() => server.SignInAsync(AccessMatrix.DistrictAdmin);

    private async Task<HttpResponseMessage> WhoAmIAsync(IssuedIntegrationClient client, DateTimeOffset? signedAt = null) =>
        await _http.SendAsync(await client.RequestAsync(HttpMethod.Get, "api/integrations/whoami", signedAt: signedAt));

    private async Task<HttpResponseMessage> PingAsync(IssuedIntegrationClient client, object? body, string? idempotencyKey, DateTimeOffset? signedAt = null) =>
        await _http.SendAsync(await client.RequestAsync(HttpMethod.Post, "api/integrations/ping", body, idempotencyKey, signedAt));

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private static async Task<JsonElement> ListedAsync(ApiClient admin, string clientId) =>
        (await admin.GetAsync<JsonElement[]>($"api/admin/districts/{TestSeed.District}/integrations"))
        .Single(c => c.GetProperty("clientId").GetString() == clientId);

    [Fact]
    public async Task TheKeyIsShownOnceAndStoredOnlyAsItsHash()
    {
        var admin = await AdminAsync();
        var client = await IntegrationClients.RegisterAsync(admin, name: "Shown once");
        client.ApiKey.ShouldStartWith($"chk_{client.ClientId}_");
        client.SigningSecret.ShouldStartWith("chs_");
        (await WhoAmIAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var hash = IntegrationKeys.Hash(client.ApiKey);
        var secretParts = new[] { client.ApiKey, client.ApiKey[^43..], client.SigningSecret };
        var list = await admin.Http.GetStringAsync($"api/admin/districts/{TestSeed.District}/integrations");
        var audit = await admin.Http.GetStringAsync("api/admin/audit?take=200");
        var calls = await admin.Http.GetStringAsync($"api/admin/districts/{TestSeed.District}/integrations/{client.ClientId}/calls");
        list.ShouldContain(client.ClientId);
        audit.ShouldContain($"integration:{client.ClientId}");
        foreach (var shown in new[] { list, audit, calls })
        {
            foreach (var part in secretParts) shown.ShouldNotContain(part);
            shown.ShouldNotContain(hash);
        }

        // In storage: the hash, never the key. The rows are sealed at rest, so they are opened with the data folder's keys.
        var secret = client.ApiKey[^43..];
        var states = StoredIntegrationStates();
        var mine = states.Single(s => s.GrainId == $"integrationclient/{client.ClientId}").Json;
        mine.ShouldContain(hash);
        mine.ShouldContain(client.SigningSecret, Case.Sensitive, "the signing secret is kept (to check signatures), sealed at rest like all grain state");
        mine.ShouldNotContain(client.ApiKey);
        states.Where(s => s.Json.Contains(secret)).ShouldBeEmpty();
        foreach (var file in Directory.GetFiles(server.Factory.DataFolder, "crisishub.db*"))
            Encoding.UTF8.GetString(ReadShared(file)).ShouldNotContain(secret);
    }

    [Fact]
    public async Task ARotatedKeyKeepsWorkingForTheOverlapAndIsRefusedAfterIt()
    {
        var admin = await AdminAsync();
        var old = await IntegrationClients.RegisterAsync(admin, name: "Rotating");
        var rotated = await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations/{old.ClientId}/rotate", new { overlapHours = 2 });
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var issued = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credentials");
        var fresh = old with { ApiKey = issued.GetProperty("apiKey").GetString()!, SigningSecret = issued.GetProperty("signingSecret").GetString()!,
            KeyId = issued.GetProperty("keyId").GetString()! };
        fresh.ApiKey.ShouldNotBe(old.ApiKey);
        issued.GetProperty("previousKeyExpiresAt").GetDateTimeOffset().ShouldBe(server.Clock.GetUtcNow().AddHours(2));

        (await WhoAmIAsync(old)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WhoAmIAsync(fresh)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var keys = (await ListedAsync(admin, old.ClientId)).GetProperty("keys").EnumerateArray().ToArray();
        keys.Select(k => k.GetProperty("keyId").GetString()).ShouldBe([old.KeyId, fresh.KeyId]);

        server.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        (await WhoAmIAsync(old)).StatusCode.ShouldBe(HttpStatusCode.OK, "still inside the overlap");
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await WhoAmIAsync(old);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DetailAsync(refused)).ShouldContain("replaced");
        (await WhoAmIAsync(fresh)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations/{old.ClientId}/rotate", new { overlapHours = 200 }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ARevokedClientIsRefusedAtItsVeryNextRequest()
    {
        var admin = await AdminAsync();
        var client = await IntegrationClients.RegisterAsync(admin, name: "Revoked");
        (await WhoAmIAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations/{client.ClientId}/revoke")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await WhoAmIAsync(client);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().ShouldBe("ApiKey");
        (await DetailAsync(refused)).ShouldContain("revoked");
        (await ListedAsync(admin, client.ClientId)).GetProperty("revokedAt").GetDateTimeOffset().ShouldBe(server.Clock.GetUtcNow());
        (await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations/{client.ClientId}/rotate", new { }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict, "a revoked client gets no new key");
    }

    [Fact]
    public async Task EachClientHasItsOwnRateLimitAndGets429WithRetryAfterBeyondIt()
    {
        var admin = await AdminAsync();
        var limited = await IntegrationClients.RegisterAsync(admin, name: "Limited", rateLimitPerMinute: 3);
        var other = await IntegrationClients.RegisterAsync(admin, name: "Other", rateLimitPerMinute: 3);
        for (var i = 0; i < 3; i++) (await WhoAmIAsync(limited)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await WhoAmIAsync(limited);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await DetailAsync(refused)).ShouldContain("3 calls a minute");
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60), "the window opened at the first call and the clock has not moved");
        (await WhoAmIAsync(other)).StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is the client's own");

        server.Clock.Advance(TimeSpan.FromSeconds(30));
        (await WhoAmIAsync(limited)).Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        server.Clock.Advance(TimeSpan.FromSeconds(30));
        (await WhoAmIAsync(limited)).StatusCode.ShouldBe(HttpStatusCode.OK, "a new window");
    }

    [Fact]
    public async Task ASignedRequestPassesAndAStaleTamperedOrMissingSignatureIsRefused()
    {
        var admin = await AdminAsync();
        var signing = await IntegrationClients.RegisterAsync(admin, name: "Signing", signatureRequired: true);
        var now = server.Clock.GetUtcNow();
        var body = new { hello = "world", n = 1 };

        var signed = await PingAsync(signing, body, "sig-1", now);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var echo = await signed.Content.ReadFromJsonAsync<JsonElement>();
        echo.GetProperty("signed").GetBoolean().ShouldBeTrue();
        echo.GetProperty("idempotencyKey").GetString().ShouldBe("sig-1");
        echo.GetProperty("bodySha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            JsonSerializer.SerializeToUtf8Bytes(body, ApiClient.Json))));
        (await WhoAmIAsync(signing, now.AddMinutes(-4))).StatusCode.ShouldBe(HttpStatusCode.OK, "a signature without a body, within the window");

        var stale = await PingAsync(signing, body, "sig-2", now.AddMinutes(-5).AddSeconds(-1));
        stale.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DetailAsync(stale)).ShouldContain("X-CrisisHub-Timestamp");
        (await PingAsync(signing, body, "sig-3", now.AddMinutes(6))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "from the future too");

        var tampered = await signing.RequestAsync(HttpMethod.Post, "api/integrations/ping", body, "sig-4", now);
        tampered.Content = JsonContent.Create(new { hello = "world", n = 2 }, options: ApiClient.Json);
        var refused = await _http.SendAsync(tampered);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DetailAsync(refused)).ShouldContain("HMAC-SHA256");
        // A captured signed request replayed within the window under a fresh Idempotency-Key (a second signal, were it one):
        // the key is signed, so the replay fails; under its own key it is the same request, answered once.
        var captured = await signing.RequestAsync(HttpMethod.Post, "api/integrations/ping", body, "sig-6", now);
        captured.Headers.Remove("Idempotency-Key");
        captured.Headers.Add("Idempotency-Key", "sig-6-replayed");
        (await _http.SendAsync(captured)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the Idempotency-Key is part of what is signed");
        var otherSecret = await _http.SendAsync(await (signing with { SigningSecret = "chs_wrong" }).RequestAsync(HttpMethod.Get, "api/integrations/whoami",
            signedAt: now));
        otherSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var unsigned = await PingAsync(signing, body, "sig-5");
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "this client must sign");
        (await DetailAsync(unsigned)).ShouldContain("must sign");

        var optional = await IntegrationClients.RegisterAsync(admin, name: "Optional signing");
        (await PingAsync(optional, body, "opt-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PingAsync(optional, body, "opt-2", now)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PingAsync(optional, body, "opt-3", now.AddMinutes(-10))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized,
            "a signature sent is checked even when not required");
    }

    [Fact]
    public async Task EveryChangeNeedsAnIdempotencyKey()
    {
        var admin = await AdminAsync();
        var client = await IntegrationClients.RegisterAsync(admin, name: "Idempotent");

        var missing = await PingAsync(client, new { }, null);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await DetailAsync(missing)).ShouldContain("Idempotency-Key");
        (await PingAsync(client, new { }, "not a valid key!")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PingAsync(client, new { }, "ping-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EveryCallIsAuditedInTheClientsChainWithTheClientAsActorAndNoBody()
    {
        var admin = await AdminAsync();
        var client = await IntegrationClients.RegisterAsync(admin, name: "Audited", rateLimitPerMinute: 3);
        const string marker = "ts1-g1-c1-s03 said something";

        (await WhoAmIAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PingAsync(client, new { note = marker }, "audit-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PingAsync(client, new { note = marker }, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await WhoAmIAsync(client)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations/{client.ClientId}/revoke");
        (await WhoAmIAsync(client)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var stranger = client with { ApiKey = client.ApiKey[..^4] + "AAAA" };
        (await WhoAmIAsync(stranger)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var raw = await admin.Http.GetStringAsync($"api/admin/districts/{TestSeed.District}/integrations/{client.ClientId}/calls");
        raw.ShouldNotContain(marker);
        raw.ShouldNotContain("ts1-g1-c1-s03");
        var log = JsonDocument.Parse(raw).RootElement;
        log.GetProperty("total").GetInt64().ShouldBe(5, "a key that is not the client's is recorded nowhere");
        var calls = log.GetProperty("calls").EnumerateArray().ToArray();
        calls.ShouldAllBe(c => c.GetProperty("actorId").GetString() == $"integration:{client.ClientId}");
        calls.Select(c => (c.GetProperty("method").GetString(), c.GetProperty("route").GetString(), c.GetProperty("status").GetInt32()))
            .ShouldBe([
                ("GET", "/api/integrations/whoami", 401),
                ("GET", "/api/integrations/whoami", 429),
                ("POST", "/api/integrations/ping", 400),
                ("POST", "/api/integrations/ping", 200),
                ("GET", "/api/integrations/whoami", 200),
            ]);
        calls[0].GetProperty("refusal").GetString().ShouldBe("Revoked");
        calls[3].GetProperty("idempotencyKey").GetString().ShouldBe("audit-1");
        calls.Select(c => c.GetProperty("sequence").GetInt64()).ShouldBe([5L, 4, 3, 2, 1]);

        // The chain itself (the audit log's stream) holds the same records, hash-chained, without the body.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.Factory.DataFolder, "crisishub.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM audit_log WHERE stream = $s";
        command.Parameters.AddWithValue("$s", $"integration:{client.ClientId}");
        Convert.ToInt64(command.ExecuteScalar()).ShouldBe(5);
    }

    [Fact]
    public async Task TheListShowsWhenAClientWasLastUsed()
    {
        var admin = await AdminAsync();
        var client = await IntegrationClients.RegisterAsync(admin, name: "Last used");
        (await ListedAsync(admin, client.ClientId)).GetProperty("lastUsedAt").ValueKind.ShouldBe(JsonValueKind.Null);

        (await WhoAmIAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = server.Clock.GetUtcNow();
        (await ListedAsync(admin, client.ClientId)).GetProperty("lastUsedAt").GetDateTimeOffset().ShouldBe(first);
        server.Clock.Advance(TimeSpan.FromSeconds(20));
        (await WhoAmIAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListedAsync(admin, client.ClientId)).GetProperty("lastUsedAt").GetDateTimeOffset().ShouldBe(first.AddSeconds(20),
            "exact in the list, though written to storage at most once a minute");
    }

    [Fact]
    public async Task AKeyReachesNoPersonsEndpointAndAPersonNoClientsEndpoint()
    {
        var admin = await AdminAsync();
        var client = await IntegrationClients.RegisterAsync(admin, name: "Boundaries");
        foreach (var path in new[] { "api/auth/me", "api/alerts", $"api/admin/districts/{TestSeed.District}/integrations" })
        {
            (await _http.SendAsync(await client.RequestAsync(HttpMethod.Get, path))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
            var viaHeader = new HttpRequestMessage(HttpMethod.Get, path);
            viaHeader.Headers.Add("X-Api-Key", client.ApiKey);
            (await _http.SendAsync(viaHeader)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }

        (await admin.Http.GetAsync("api/integrations/whoami")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var viaXApiKey = new HttpRequestMessage(HttpMethod.Get, "api/integrations/whoami");
        viaXApiKey.Headers.Add("X-Api-Key", client.ApiKey);
        var whoami = await _http.SendAsync(viaXApiKey);
        whoami.StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await whoami.Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("clientId").GetString().ShouldBe(client.ClientId);
        me.GetProperty("schoolIds").EnumerateArray().Select(s => s.GetString()).ShouldBe([TestSeed.School]);
        me.GetProperty("permissions").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task ABadRegistrationIsA400ThatSaysWhatIsAllowed()
    {
        var admin = await AdminAsync();
        var badKind = await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations",
            new { name = "x", kind = "Fax", schoolIds = new[] { TestSeed.School }, permissions = new[] { "PostSignals" } });
        badKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badKind.Content.ReadAsStringAsync()).ShouldContain("ScreeningPlatform, OnlineMonitoring, Police, HospitalSystem");

        var badPermission = await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations",
            new { name = "x", kind = "Police", schoolIds = new[] { TestSeed.School }, permissions = new[] { "ReadCases" } });
        badPermission.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badPermission.Content.ReadAsStringAsync()).ShouldContain("PostSignals, PostScreeningResults, PostMissingStudentReports");

        var noPermission = await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations",
            new { name = "x", kind = "Police", schoolIds = new[] { TestSeed.School }, permissions = Array.Empty<string>() });
        noPermission.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noPermission.Content.ReadAsStringAsync()).ShouldContain("PostSignals");

        foreach (var school in new[] { "elsewhere", TestSeed.Class, "no-such-school" })
        {
            var notOurs = await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations",
                new { name = "x", kind = "Police", schoolIds = new[] { school }, permissions = new[] { "PostSignals" } });
            notOurs.StatusCode.ShouldBe(HttpStatusCode.BadRequest, school);
            (await notOurs.Content.ReadAsStringAsync()).ShouldContain("not a school of district");
        }

        var tooFast = await admin.PostAsync($"api/admin/districts/{TestSeed.District}/integrations",
            new { name = "x", kind = "Police", schoolIds = new[] { TestSeed.School }, permissions = new[] { "PostSignals" }, rateLimitPerMinute = 0 });
        tooFast.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>Every stored integration state (clients and lists), opened with the data folder's storage keys.</summary>
    private List<(string GrainId, string Json)> StoredIntegrationStates()
    {
        var keys = StorageKeyFile.Read(Path.Combine(server.Factory.DataFolder, "secrets", "storage-keys.json"));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.Factory.DataFolder, "crisishub.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_name, grain_id, payload FROM grain_state WHERE state_name LIKE 'identity/integration%'";
        using var reader = command.ExecuteReader();
        var states = new List<(string, string)>();
        while (reader.Read())
        {
            var (stateName, grainId, payload) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            StorageKeyRing.IsSealed(payload).ShouldBeTrue("grain state is sealed at rest");
            var slash = stateName.IndexOf('/');
            states.Add((grainId, keys.Open(payload, StorageContexts.GrainState(stateName[..slash], stateName[(slash + 1)..], grainId))));
        }

        states.ShouldNotBeEmpty();
        return states;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
