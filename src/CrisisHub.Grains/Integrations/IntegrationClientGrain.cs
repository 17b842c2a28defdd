using CrisisHub.Contracts;
using CrisisHub.Contracts.Integrations;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Integrations;

/// <summary>
/// One integration client: its keys (hashes), its signing secrets, revocation and "last used". Every request the client
/// makes is checked here (the web host keeps no cache of keys), so a rotation or revocation holds from the next request on
/// every node. "Last used" is kept exactly in memory and written at most once a minute, so a busy client does not write its
/// state on every call (after a silo crash the stored value may be up to a minute old).
/// </summary>
public sealed class IntegrationClientGrain(
    [PersistentState("integration-client", StorageNames.Identity)] IPersistentState<IntegrationClientState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, IIntegrationClientGrain
{
    public static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);

    private IntegrationClientState S => state.State;
    private DateTimeOffset? _lastUsed;

    public async Task<IntegrationClientIssued> CreateAsync(string districtId, IntegrationClientRegistration registration, string registeredBy)
    {
        if (S.Registration is not null) throw DomainRuleException.Conflict($"The client '{this.GetPrimaryKeyString()}' exists already.");
        IntegrationRules.Validate(registration);
        var now = time.GetUtcNow();
        var (key, credentials) = NewKey(now, previousExpiresAt: null);
        S.DistrictId = districtId;
        S.Registration = registration with { SchoolIds = [.. registration.SchoolIds.Distinct()], Permissions = [.. registration.Permissions.Distinct()] };
        S.CreatedAt = now;
        S.CreatedBy = registeredBy;
        S.Keys = [key];
        await state.WriteStateAsync();
        return new IntegrationClientIssued(View(), credentials);
    }

    public Task<IntegrationClientView?> GetAsync() => Task.FromResult(S.Registration is null ? null : View());

    public async Task<IntegrationKeyCheck> AuthenticateAsync(string keyHash, IntegrationSignedRequest? signed)
    {
        if (S.Registration is null) return new IntegrationKeyCheck(IntegrationKeyOutcome.UnknownKey, null);
        var now = time.GetUtcNow();
        var outcome = IntegrationKeyJudge.Judge(S, keyHash, signed, now);
        if (outcome == IntegrationKeyOutcome.Accepted)
        {
            _lastUsed = now;
            if (S.LastUsedAt is not { } written || now - written >= LastUsedWriteInterval)
            {
                S.LastUsedAt = now;
                await state.WriteStateAsync();
            }
        }

        return new IntegrationKeyCheck(outcome, outcome == IntegrationKeyOutcome.UnknownKey ? null : View());
    }

    public async Task<IntegrationClientIssued> RotateAsync(TimeSpan overlap)
    {
        RefuseUnlessLive();
        IntegrationRules.ValidateOverlap(overlap);
        var now = time.GetUtcNow();
        var overlapEnd = now + overlap;
        var (key, credentials) = NewKey(now, overlap == TimeSpan.Zero ? null : overlapEnd);
        S.Keys = IntegrationKeyJudge.Rotate(S.Keys, key, now, overlapEnd);
        await state.WriteStateAsync();
        return new IntegrationClientIssued(View(), credentials);
    }

    public async Task<IntegrationClientView> RevokeAsync()
    {
        if (S.Registration is null) throw DomainRuleException.NotFound($"No integration client '{this.GetPrimaryKeyString()}'.");
        if (S.RevokedAt is null)
        {
            S.RevokedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        return View();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The exact "last used" of the last minute, when the silo shuts down in order (a crash loses at most that minute).
        if (_lastUsed is { } used && S.Registration is not null && used != S.LastUsedAt)
        {
            S.LastUsedAt = used;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private void RefuseUnlessLive()
    {
        if (S.Registration is null) throw DomainRuleException.NotFound($"No integration client '{this.GetPrimaryKeyString()}'.");
        if (S.RevokedAt is not null) throw DomainRuleException.Conflict("The client was revoked: register a new one.");
    }

    private (IntegrationKey Key, IntegrationCredentials Credentials) NewKey(DateTimeOffset now, DateTimeOffset? previousExpiresAt)
    {
        var apiKey = IntegrationKeys.NewKey(this.GetPrimaryKeyString());
        var secret = IntegrationKeys.NewSigningSecret();
        var keyId = $"k{++S.KeysIssued}";
        return (new IntegrationKey(keyId, IntegrationKeys.Hash(apiKey), secret, now, null),
            new IntegrationCredentials(keyId, apiKey, secret, previousExpiresAt));
    }

    private IntegrationClientView View()
    {
        var r = S.Registration!;
        var now = time.GetUtcNow();
        return new IntegrationClientView(this.GetPrimaryKeyString(), S.DistrictId!, r.Name, r.Kind, r.SchoolIds, r.Permissions, r.RateLimitPerMinute,
            r.SignatureRequired, S.CreatedAt, S.CreatedBy, _lastUsed ?? S.LastUsedAt,
            [.. S.Keys.Where(k => k.WorksAt(now)).Select(k => new IntegrationKeyView(k.KeyId, k.CreatedAt, k.ExpiresAt))], S.RevokedAt);
    }
}
