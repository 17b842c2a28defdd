using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using CrisisHub.Server.Flags;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisHub.Server.Operations.Canary;

/// <summary>
/// The canary's responder as a phone would be one: signed in with a bearer token, holding a real hub connection to this
/// node, calling the public API. Every alert the hub pushes to it is queued as (event kind, case id).
/// </summary>
public sealed class CanaryClient(Uri baseAddress, CanaryDistrict district) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = Options();
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    private HubConnection? _hub;
    private string? _token;

    public Channel<(string Kind, string CaseId)> Pushes { get; } = Channel.CreateUnbounded<(string, string)>();

    /// <summary>Tokens last 8 hours; the canary signs in again well before, rather than fail a run on an expired one.</summary>
    private static readonly TimeSpan TokenAge = TimeSpan.FromHours(1);

    private DateTimeOffset _signedInAt;

    /// <summary>Signs in (again, when the token is old or was refused) and (re)connects the hub.</summary>
    public async Task ConnectAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_token is not null && now - _signedInAt > TokenAge) _token = null;
        if (_token is null)
        {
            _signedInAt = now;
            using var response = await _http.PostAsJsonAsync("api/auth/token", new { userName = district.UserName, password = district.Password }, Json, cancellationToken);
            await EnsureAsync(response, "sign-in");
            _token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("accessToken").GetString();
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            if (_hub is not null) await _hub.DisposeAsync();
            _hub = null;
        }

        if (_hub is null)
        {
            _hub = new HubConnectionBuilder()
                .WithUrl(new Uri(baseAddress, AlertHub.Path.TrimStart('/')), o => o.AccessTokenProvider = () => Task.FromResult(_token))
                .AddJsonProtocol(o => ProblemDetailsSetup.Configure(o.PayloadSerializerOptions))
                .Build();
            _hub.On<JsonElement>(HubEvents.Alert, alert =>
                Pushes.Writer.TryWrite((alert.GetProperty("kind").GetString() ?? "", alert.GetProperty("alert").GetProperty("caseId").GetString() ?? "")));
        }

        if (_hub.State == HubConnectionState.Disconnected) await _hub.StartAsync(cancellationToken);
    }

    /// <summary>The ids of the open cases in the responder's inbox (a run that failed half-way may have left one).</summary>
    public async Task<string[]> OpenCasesAsync(CancellationToken cancellationToken)
    {
        var inbox = await GetAsync("api/alerts", "inbox", cancellationToken);
        return [.. inbox.EnumerateArray().Select(a => a.GetProperty("caseId").GetString()!)];
    }

    /// <summary>Flags the canary student (Severe, no signs, no note) and returns the case id from the receipt.</summary>
    public async Task<string> FlagAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/flags")
        {
            Content = JsonContent.Create(new { studentId = district.StudentId, source = "Teacher", signs = Array.Empty<string>(), suggestedGrade = CanaryDistrict.Grade.ToString() }),
        };
        request.Headers.Add(IdempotencyKey.Header, $"canary-{Guid.NewGuid():N}");
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, "flag");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("caseId").GetString()
            ?? throw new CanaryFailure("the flag's receipt names no case");
    }

    /// <summary>The statuses of the case's texts, as its page shows them.</summary>
    public async Task<string[]> TextStatusesAsync(string caseId, CancellationToken cancellationToken)
    {
        var view = await GetAsync($"api/cases/{Uri.EscapeDataString(caseId)}", "case read", cancellationToken);
        return [.. view.GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("status").GetString()!)];
    }

    public async Task AcknowledgeAsync(string caseId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"api/cases/{Uri.EscapeDataString(caseId)}/ack", null, cancellationToken);
        await EnsureAsync(response, "acknowledge");
    }

    public async Task CloseAsync(string caseId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"api/cases/{Uri.EscapeDataString(caseId)}/close", new { disposition = "Canary run" }, Json, cancellationToken);
        // A case an earlier attempt closed already answers 409: it is closed, which is what was wanted.
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict) return;
        await EnsureAsync(response, "close");
    }

    private async Task<JsonElement> GetAsync(string path, string what, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        await EnsureAsync(response, what);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    private Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return Task.CompletedTask;
        // A token the server no longer accepts (restart without shared keys, expiry): sign in again next time.
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized) _token = null;
        throw new CanaryFailure($"{what} answered {(int)response.StatusCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        _http.Dispose();
    }

    private static JsonSerializerOptions Options()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ProblemDetailsSetup.Configure(json);
        return json;
    }
}

/// <summary>A canary stage went wrong; the message says how, with no personal data.</summary>
public sealed class CanaryFailure(string message) : Exception(message);
