using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using CrisisHub.Contracts.Integrations;

namespace CrisisHub.Server.Tests.Integrations;

/// <summary>A registered client as its integrator holds it: the id, the key and the signing secret (shown once).</summary>
public sealed record IssuedIntegrationClient(string ClientId, string ApiKey, string SigningSecret, string KeyId)
{
    /// <summary>
    /// A request with this client's key (Authorization: ApiKey …), a JSON body when given, an Idempotency-Key when given,
    /// and signed at <paramref name="signedAt"/> when given (<see cref="IntegrationSignature"/>).
    /// </summary>
    public async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null,
        DateTimeOffset? signedAt = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ApiClient.Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", ApiKey);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (signedAt is { } at) await IntegrationClients.SignAsync(request, SigningSecret, at);
        return request;
    }
}

/// <summary>Registers integration clients through the admin API and signs their requests, for any test that needs a client.</summary>
public static class IntegrationClients
{
    /// <summary>
    /// Registers a client of district td (as <paramref name="admin"/>, a district administrator) for <paramref name="schoolIds"/>
    /// (default: school ts1) with <paramref name="permissions"/> (default: all), and returns its key and signing secret.
    /// </summary>
    public static async Task<IssuedIntegrationClient> RegisterAsync(ApiClient admin, string[]? schoolIds = null, IntegrationPermission[]? permissions = null,
        string name = "Test platform", IntegrationClientKind kind = IntegrationClientKind.ScreeningPlatform, int? rateLimitPerMinute = null,
        bool signatureRequired = false, string districtId = TestSeed.District)
    {
        var response = await admin.PostAsync($"api/admin/districts/{districtId}/integrations", new
        {
            name, kind, schoolIds = schoolIds ?? [TestSeed.School], permissions = permissions ?? Enum.GetValues<IntegrationPermission>(),
            rateLimitPerMinute, signatureRequired,
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Registering a client: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        var credentials = issued.GetProperty("credentials");
        return new IssuedIntegrationClient(issued.GetProperty("client").GetProperty("clientId").GetString()!, credentials.GetProperty("apiKey").GetString()!,
            credentials.GetProperty("signingSecret").GetString()!, credentials.GetProperty("keyId").GetString()!);
    }

    /// <summary>Adds X-CrisisHub-Timestamp and X-CrisisHub-Signature, computed as an integrator would (the request's URI must be relative).</summary>
    public static async Task SignAsync(HttpRequestMessage request, string signingSecret, DateTimeOffset at)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var timestamp = at.ToUnixTimeSeconds().ToString();
        var pathAndQuery = "/" + request.RequestUri!.OriginalString.TrimStart('/');
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : "";
        var canonical = $"{timestamp}.{request.Method.Method.ToUpperInvariant()}.{key}.{pathAndQuery}.{Convert.ToHexStringLower(SHA256.HashData(body))}";
        request.Headers.Add("X-CrisisHub-Timestamp", timestamp);
        request.Headers.Add("X-CrisisHub-Signature",
            "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(signingSecret), System.Text.Encoding.UTF8.GetBytes(canonical))));
    }
}
