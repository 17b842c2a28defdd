using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in for a browser's push service (RFC 8030) on 127.0.0.1. It issues subscriptions the way a browser would (a P-256
/// key pair and an authentication secret per device, kept here), checks each push's VAPID authorisation (RFC 8292: an ES256
/// JWT for this origin, signed by the key it names, which must be the server's) and decrypts its aes128gcm payload with the
/// device's private key (RFC 8291). A push that fails a check is answered 401/400 and recorded as refused. It can be told to
/// answer a device's next pushes with 410, 404, 429 or 500.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    /// <summary>A push as the device would get it: its JSON decrypted, and the headers the push service saw.</summary>
    public sealed record Push(string DeviceId, string Json, string Ttl, string? Urgency, string? Topic, JsonElement Payload);

    /// <summary>A device as a browser's PushSubscription.toJSON() would describe it.</summary>
    public sealed record Device(string Id, string Endpoint, string P256dh, string Auth);

    private sealed record Keys(ECDiffieHellman Private, byte[] Public, byte[] Auth);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Keys> _devices = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _script = new();
    private readonly ConcurrentQueue<Push> _pushes = new();
    private readonly ConcurrentQueue<string> _refused = new();

    private FakePushService(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The VAPID public key pushes must be signed with (the server's, from GET /api/push/key); null takes any valid key.</summary>
    public string? ExpectedVapidKey { get; set; }

    public IReadOnlyList<Push> Pushes => [.. _pushes];

    /// <summary>Why each refused push was refused (a bad VAPID token, a payload that does not decrypt…).</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    public IReadOnlyList<Push> To(Device device) => [.. _pushes.Where(p => p.DeviceId == device.Id)];

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var service = new FakePushService(app);
        app.MapPost("/push/{id}", (string id, HttpContext http) => service.ReceiveAsync(id, http));
        await app.StartAsync();
        service.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return service;
    }

    /// <summary>CrisisHub allowed to send to loopback over http only, in place of the browsers' services (a test never dials out).</summary>
    public static Dictionary<string, string> ServerSettings() => new() { ["CrisisHub:WebPush:AllowedHosts:0"] = "127.0.0.1" };

    /// <summary>A new device, as a browser subscribing would make it.</summary>
    public Device NewDevice()
    {
        var id = Guid.NewGuid().ToString("N");
        var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        byte[] publicKey = [4, .. p.Q.X!, .. p.Q.Y!];
        var auth = RandomNumberGenerator.GetBytes(16);
        _devices[id] = new Keys(key, publicKey, auth);
        return new Device(id, new Uri(BaseAddress, $"push/{id}").ToString(), Base64Url.EncodeToString(publicKey), Base64Url.EncodeToString(auth));
    }

    /// <summary>The next answers to pushes for this device: 410, 404, 429, 500…; then 201 again.</summary>
    public void Script(Device device, params int[] answers) => _script[device.Id] = new ConcurrentQueue<int>(answers);

    private async Task<IResult> ReceiveAsync(string id, HttpContext http)
    {
        if (_script.TryGetValue(id, out var answers) && answers.TryDequeue(out var scripted)) return Results.StatusCode(scripted);
        if (!_devices.TryGetValue(id, out var device)) return Results.StatusCode(StatusCodes.Status410Gone);
        if (VapidProblem(http.Request) is { } vapid) return Refuse(StatusCodes.Status401Unauthorized, vapid);
        if (http.Request.Headers["Content-Encoding"] != "aes128gcm") return Refuse(StatusCodes.Status400BadRequest, "Content-Encoding is not aes128gcm");
        if (!http.Request.Headers.TryGetValue("TTL", out var ttl)) return Refuse(StatusCodes.Status400BadRequest, "no TTL header");

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        string json;
        try
        {
            json = Decrypt(body.ToArray(), device);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"the payload does not decrypt: {exception.Message}");
        }

        _pushes.Enqueue(new Push(id, json, ttl.ToString(), http.Request.Headers["Urgency"].FirstOrDefault(), http.Request.Headers["Topic"].FirstOrDefault(),
            JsonDocument.Parse(json).RootElement.Clone()));
        http.Response.Headers.Location = new Uri(BaseAddress, $"message/{Guid.NewGuid():N}").ToString();
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private IResult Refuse(int status, string why)
    {
        _refused.Enqueue(why);
        return Results.StatusCode(status);
    }

    /// <summary>RFC 8292: "vapid t=JWT, k=key"; the JWT ES256, for this origin, unexpired (at most 24 h ahead), with a contact.</summary>
    private string? VapidProblem(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("vapid ", StringComparison.Ordinal)) return "no vapid Authorization header";
        var parts = header["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var token) || !parts.TryGetValue("k", out var key)) return "the vapid header lacks t or k";
        if (ExpectedVapidKey is not null && key != ExpectedVapidKey) return "signed with a key other than the server's";

        var segments = token.Split('.');
        if (segments.Length != 3) return "the token is not a JWT";
        using var header64 = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[0]));
        if (header64.RootElement.GetProperty("alg").GetString() != "ES256") return "the token is not ES256";
        var point = Base64Url.DecodeFromChars(key);
        if (point.Length != 65 || point[0] != 4) return "k is not an uncompressed P-256 point";
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        if (!verifier.VerifyData(Encoding.ASCII.GetBytes($"{segments[0]}.{segments[1]}"), Base64Url.DecodeFromChars(segments[2]), HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return "the token's signature does not verify with k";

        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[1]));
        var audience = claims.RootElement.GetProperty("aud").GetString();
        // The origin without its port: the browsers' services listen on 443, where the two are the same, and the sender's
        // library (Lib.Net.Http.WebPush) writes scheme and host only; this service listens on a free port of 127.0.0.1.
        if (audience != $"{BaseAddress.Scheme}://{BaseAddress.Host}") return $"the token is for {audience}, not this push service";
        // The token's expiry is stamped by the sender's library from the machine's clock, as push services expect: checked
        // against the same clock, so whatever the date, a fresh token passes and one more than a day ahead does not.
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        var now = DateTimeOffset.UtcNow;
        if (expires <= now || expires > now.AddHours(24).AddMinutes(1)) return "the token's exp is not within the next 24 hours";
        var subject = claims.RootElement.TryGetProperty("sub", out var sub) ? sub.GetString() ?? "" : "";
        if (!subject.StartsWith("mailto:", StringComparison.Ordinal) && !subject.StartsWith("https:", StringComparison.Ordinal))
            return "the token names no contact (sub)";
        return null;
    }

    /// <summary>
    /// RFC 8291 with RFC 8188's aes128gcm: header (salt 16, record size 4, key id length 1, key id = the sender's ephemeral
    /// public key), then one record. The keys come from ECDH with the device's private key and its authentication secret.
    /// </summary>
    private static string Decrypt(byte[] body, Keys device)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        var senderPublic = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        if (idLength != 65 || record.Length > recordSize) throw new FormatException("not a single aes128gcm record keyed by a P-256 point");

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..] },
        });
        var shared = device.Private.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. device.Public, .. senderPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, device.Auth, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(contentKey, 16)) aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        // The last record ends with the delimiter 2, then any padding zeros.
        var end = Array.FindLastIndex(plain, b => b != 0);
        if (end < 0 || plain[end] != 2) throw new FormatException("the record lacks the last-record delimiter");
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var device in _devices.Values) device.Private.Dispose();
    }
}
