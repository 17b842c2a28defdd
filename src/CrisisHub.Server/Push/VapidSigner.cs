using System.Collections.Concurrent;
using Lib.Net.Http.WebPush.Authentication;

namespace CrisisHub.Server.Push;

/// <summary>
/// The server's one VAPID signer (an ECDsa key, disposed with the host), with its tokens kept per push service until an hour
/// before they expire: a burst of pushes signs one JWT per service, not one per push. The library stamps a token's expiry
/// from the machine's clock (it takes no TimeProvider), so the cache compares against the host's clock, which is that one.
/// </summary>
public sealed class VapidSigner : IDisposable
{
    public VapidSigner(VapidKeys keys, TimeProvider time)
    {
        if (!keys.On) return;
        Authentication = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = keys.Subject, TokenCache = new Tokens(time) };
    }

    /// <summary>Null when Web Push is off.</summary>
    public VapidAuthentication? Authentication { get; }

    public void Dispose() => Authentication?.Dispose();

    private sealed class Tokens(TimeProvider time) : IVapidTokenCache
    {
        private static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);
        private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, string Token)> _tokens = new();

        public void Put(string audience, DateTimeOffset expiration, string token) => _tokens[audience] = (expiration, token);

        public string? Get(string audience) =>
            _tokens.TryGetValue(audience, out var kept) && kept.Expires - RenewBefore > time.GetUtcNow() ? kept.Token : null;
    }
}
