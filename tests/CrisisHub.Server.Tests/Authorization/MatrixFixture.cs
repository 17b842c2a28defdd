using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrisisHub.Contracts.Cases;
using CrisisHub.Server.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests.Authorization;

/// <summary>
/// A server of its own (the matrix changes what it touches) with the targets made once: a Major case in class
/// ts1-g1-c1 with a referral to hospital th1, a flag receipt of the class monitor, and a spare class, student
/// and account for the administrative writes. Each caller signs in once.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> _tokens = [];
    /// <summary>The API keys of the matrix's integration clients (callers without a session).</summary>
    private readonly Dictionary<string, string> _apiKeys = [];
    // No cookie jar: a cookie sign-in in one probe must not sign in the "anonymous" caller of the next.
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false });

    public FakeTimeProvider Clock { get; } = CrisisHubFactory.NewClock();
    public CrisisHubFactory Factory { get; private set; } = null!;
    public MatrixTargets Targets { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Web Push to loopback only: a matrix subscription must never make the server dial out.
        Factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), Clock, settings: FakePushService.ServerSettings());
        _http.BaseAddress = Factory.BaseAddress;

        var teacher = await ApiClient.SignInAsync(Factory, AccessMatrix.Teacher);
        var student = TestSeed.Student(TestSeed.Class, 7); // odd: lives in the room, so the informant and supervisor reach it too
        var flagged = await teacher.FlagAsync(student, "matrix-case", ObservedSign.SaidTheyIntendToAct);
        await flagged.ShouldSucceedAsync();
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var monitor = await ApiClient.SignInAsync(Factory, AccessMatrix.Monitor);
        await monitor.FlagAsync(student, "matrix-receipt", ObservedSign.Distress).ShouldSucceedAsync();
        await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" }).ShouldSucceedAsync();
        var referral = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.Hospital, reason = "matrix", meansAccess = "none", protectiveFactors = "friends",
            safetyPlan = new
            {
                warningSigns = "withdrawal", internalCoping = "music", peopleAndPlacesForDistraction = "library",
                peopleToAskForHelp = "head teacher", professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "belt removed",
            },
            schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
        });
        await referral.ShouldSucceedAsync();
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetString()!;

        var admin = await ApiClient.SignInAsync(Factory, AccessMatrix.DistrictAdmin);
        const string spareNode = "ts1-g1-c8";
        await admin.Http.PutAsJsonAsync($"api/admin/nodes/{spareNode}", new { level = "Class", name = "spare", parentId = TestSeed.Grade }).ShouldSucceedAsync();
        await admin.Http.PutAsJsonAsync($"api/admin/accounts/{spareNode}-teacher",
            new { displayName = "Spare", role = "HeadTeacher", nodeIds = new[] { spareNode }, password = TestSeed.Password }).ShouldSucceedAsync();
        var settings = await admin.Http.GetFromJsonAsync<JsonObject>($"api/admin/districts/{TestSeed.District}/green-channel");

        // An emergency access to review, by a teacher of another grade; it has run out before any probe (or that teacher
        // would read the case for an hour).
        var otherTeacher = await ApiClient.SignInAsync(Factory, AccessMatrix.OtherTeacher);
        var opened = await otherTeacher.PostAsync($"api/cases/{caseId}/break-glass", new { reason = "matrix: the owner cannot be reached" });
        await opened.ShouldSucceedAsync();
        var useId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("useId").GetString()!;
        Clock.Advance(TimeSpan.FromMinutes(61));

        // The screening import the matrix reads the progress of.
        var psych = await ApiClient.SignInAsync(Factory, AccessMatrix.Psych);
        (await psych.Http.PostAsync($"api/schools/{TestSeed.School}/screening/imports?expect={AccessMatrix.ScreeningImportId}",
            AccessMatrix.ScreeningFileContent())).StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);

        // Integration clients: one for school ts1 with every permission, one for ts2, and a spare one to rotate and revoke.
        var client = await Integrations.IntegrationClients.RegisterAsync(admin, [TestSeed.School], name: "Matrix ts1", rateLimitPerMinute: 6000);
        var otherClient = await Integrations.IntegrationClients.RegisterAsync(admin, [TestSeed.OtherSchool], name: "Matrix ts2", rateLimitPerMinute: 6000);
        var spareClient = await Integrations.IntegrationClients.RegisterAsync(admin, [TestSeed.School], name: "Matrix spare");
        _apiKeys[AccessMatrix.IntegrationClient] = client.ApiKey;
        _apiKeys[AccessMatrix.OtherIntegrationClient] = otherClient.ApiKey;

        // Two signals in the ts1 queue (one to match, one to dismiss), and a missing student reported by the ts1 client.
        async Task<string> SignalAsync(string key, object body)
        {
            using var request = await client.RequestAsync(HttpMethod.Post, "api/integrations/signals", body, key);
            using var response = await _http.SendAsync(request);
            await response.ShouldSucceedAsync();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signalId").GetString()!;
        }

        var queued = await SignalAsync("matrix-signal", new
        {
            kind = "OnlineSelfHarmPost", schoolId = TestSeed.School, hints = new { other = "matrix" }, signs = new[] { "SelfHarm" }, occurredAt = AccessMatrix.MatrixSignalTime,
        });
        var secondQueued = await SignalAsync("matrix-signal-2", new
        {
            kind = "PoliceNotice", schoolId = TestSeed.School, hints = new { other = "matrix" }, signs = new[] { "Distress" }, occurredAt = AccessMatrix.MatrixSignalTime,
        });
        await SignalAsync("matrix-missing", new
        {
            kind = "MissingStudent", schoolId = TestSeed.School, studentNumber = $"{TestSeed.Class}-9", signs = Array.Empty<string>(),
            occurredAt = AccessMatrix.MatrixSignalTime, lastSeen = new { at = AccessMatrix.MatrixSignalTime, place = "gate", seenBy = "matrix" },
        });

        Targets = new MatrixTargets(caseId, referralId, student, "matrix-receipt", spareNode, $"{spareNode}-teacher", $"{spareNode}-s01", settings!, useId,
            client.ClientId, spareClient.ClientId, queued, secondQueued);
    }

    public async Task<HttpRequestMessage> RequestAsync(HttpRule rule, string caller)
    {
        var method = rule.Method == "*" ? "GET" : rule.Method;
        var request = new HttpRequestMessage(new HttpMethod(method), rule.Path(Targets));
        var made = rule.Body?.Invoke(Targets);
        if (made is HttpContent content) request.Content = content;
        else if (made is { } body) request.Content = JsonContent.Create(body, body.GetType(), options: ApiClient.Json);
        else if (method is "POST" or "PUT") request.Content = JsonContent.Create(new { }, options: ApiClient.Json);
        if (rule.NeedsIdempotencyKey) request.Headers.Add("Idempotency-Key", $"matrix-{Guid.NewGuid():N}");
        if (rule.FromOwnPage) request.Headers.Add("Origin", Factory.BaseAddress.GetLeftPart(UriPartial.Authority));
        if (_apiKeys.TryGetValue(caller, out var apiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        else if (caller != AccessMatrix.Anonymous)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", rule.EndsSession ? await SignInAsync(caller) : await TokenAsync(caller));
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string caller, bool endsSession)
    {
        var response = await _http.SendAsync(request);
        // Signing out ends every session of the account: the caller signs in afresh for the next probe.
        if (endsSession) _tokens.Remove(caller);
        return response;
    }

    public async Task<HubConnection> ConnectAsync(string caller)
    {
        var token = await TokenAsync(caller);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.BaseAddress, "hubs/alerts"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => ProblemDetailsSetup.Configure(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public string ApiKeyOf(string caller) => _apiKeys[caller];

    private async Task<string> TokenAsync(string caller)
    {
        if (!_tokens.TryGetValue(caller, out var token)) _tokens[caller] = token = await SignInAsync(caller);
        return token;
    }

    private async Task<string> SignInAsync(string caller) => (await ApiClient.SignInAsync(Factory, caller)).Token;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Factory.DisposeAsync();
    }
}

internal static class SetupResponses
{
    /// <summary>Like EnsureSuccessStatusCode, but says what the server answered.</summary>
    public static async Task ShouldSucceedAsync(this Task<HttpResponseMessage> sending) => await (await sending).ShouldSucceedAsync();

    public static async Task ShouldSucceedAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixFixture>
{
    public const string Name = "authorisation matrix";
}
