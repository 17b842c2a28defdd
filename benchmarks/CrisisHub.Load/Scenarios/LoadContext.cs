using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace CrisisHub.Load.Scenarios;

/// <summary>What every scenario shares: the options, the builds under test, a scratch folder and one HTTP client.</summary>
public sealed class LoadContext(LoadOptions options, string serverDll, string loadDll, string workRoot, HttpClient http, TextWriter log)
{
    private int _folders;

    public LoadOptions Options { get; } = options;
    public string ServerDll { get; } = serverDll;
    public string LoadDll { get; } = loadDll;
    public HttpClient Http { get; } = http;
    public TextWriter Log { get; } = log;

    /// <summary>A new data folder for one server's life under the scratch folder (deleted with it).</summary>
    public string NewFolder(string name) => Path.Combine(workRoot, $"{Interlocked.Increment(ref _folders):00}-{name}");

    /// <summary>A monitor's flag, as the flag page sends it: SelfHarm (suggests Severe), with an idempotency key.</summary>
    public static HttpRequestMessage Flag(Uri url, string studentId, string key, string? token) =>
        Post(url, new { studentId, signs = new[] { "SelfHarm" } }, key, token);

    /// <summary>A flag that only suggests the watch list: the same path through the server, but no alert and no push.</summary>
    public static HttpRequestMessage WatchFlag(Uri url, string studentId, string key, string? token) =>
        Post(url, new { studentId, suggestedGrade = "Watch" }, key, token);

    /// <summary>Warm-up requests, one per warm-up student, a few at a time; they are not measured.</summary>
    public async Task WarmUpAsync(Driving.StudentRotation rotation, Uri url, Func<string, string?> tokenOfClass)
    {
        var students = rotation.WarmUp.Take(Options.IsQuick ? 8 : 200).ToArray();
        var sent = await Driving.OpenLoop.ClosedLoopAsync(Http,
            i => WatchFlag(url, students[i].StudentId, $"warm-{i}", tokenOfClass(students[i].ClassId)), 0, students.Length, concurrency: 8);
        if (sent.FirstOrDefault(s => !s.Ok) is { } failed) throw new InvalidOperationException($"Warm-up flag failed: {failed.Status} {failed.Error}");
    }

    private static HttpRequestMessage Post(Uri url, object body, string key, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
