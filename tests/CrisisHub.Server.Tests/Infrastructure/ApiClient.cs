using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Server.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>An HTTP client signed in as one demo account (bearer token), with the calls the tests make.</summary>
public sealed class ApiClient(HttpClient http, Uri baseAddress, string token)
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public HttpClient Http { get; } = http;
    public string Token { get; } = token;

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ProblemDetailsSetup.Configure(json);
        return json;
    }

    public static Task<ApiClient> SignInAsync(CrisisHubFactory factory, string userName, string password = TestSeed.Password) =>
        SignInAsync(factory.BaseAddress, userName, password);

    public static async Task<ApiClient> SignInAsync(Uri baseAddress, string userName, string password = TestSeed.Password)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        var response = await http.PostAsJsonAsync("api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(http, baseAddress, token);
    }

    public Task<HttpResponseMessage> FlagAsync(string studentId, string? idempotencyKey, params ObservedSign[] signs) =>
        PostFlagAsync(new { studentId, signs, note = "seen at lunch" }, idempotencyKey);

    public Task<HttpResponseMessage> PostFlagAsync(object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/flags") { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Http.SendAsync(request);
    }

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Http.PostAsync(path, body is null ? null : JsonContent.Create(body, options: Json));

    /// <summary>A real SignalR client over WebSockets, collecting every alert it receives.</summary>
    /// <summary>An inbox connection, or with <paramref name="watch"/> a wallboard's of that school or district.</summary>
    public async Task<HubListener> ConnectHubAsync(string? watch = null)
    {
        var path = watch is null ? "hubs/alerts" : $"hubs/alerts?watch={Uri.EscapeDataString(watch)}";
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(Token))
            .AddJsonProtocol(o => ProblemDetailsSetup.Configure(o.PayloadSerializerOptions))
            .Build();
        var listener = new HubListener(connection);
        await connection.StartAsync();
        return listener;
    }
}

public sealed class HubListener : IAsyncDisposable
{
    private readonly List<AlertNotification> _received = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubListener(HubConnection connection)
    {
        Connection = connection;
        connection.On<AlertNotification>("alert", n =>
        {
            lock (_lock)
            {
                _received.Add(n);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        });
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<AlertNotification> Received
    {
        get { lock (_lock) return [.. _received]; }
    }

    public async Task<AlertNotification> WaitForAsync(Func<AlertNotification, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_received.FirstOrDefault(match) is { } found) return found;
                changed = _changed.Task;
            }

            await changed.WaitAsync(cts.Token);
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
