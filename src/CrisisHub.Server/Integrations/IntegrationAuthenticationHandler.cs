using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Server.Flags;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// The API key scheme (<see cref="IntegrationCaller.Scheme"/>): <c>Authorization: ApiKey chk_…</c> or <c>X-Api-Key: chk_…</c>,
/// optionally signed (<see cref="IntegrationSignature"/>). Every request asks the client's grain, which holds the only copy of
/// the truth (no cache here), so a revoked key is refused at its very next request. It is never the default scheme: only the
/// integration policy runs it, so a key reaches no person's endpoint and a person's cookie or token no client's.
/// </summary>
internal sealed class IntegrationAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string AuthorizationScheme = "ApiKey";
    public const string KeyHeader = "X-Api-Key";

    /// <summary>The client's calls per minute, for the rate limiter's partition (<see cref="IntegrationRateLimit"/>).</summary>
    public const string RateLimitClaim = "crisishub:integration-rate-limit";

    private IntegrationKeyOutcome? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request) is not { } key) return AuthenticateResult.NoResult();
        if (IntegrationKeys.ClientIdOf(key) is not { } clientId) return Refuse(IntegrationKeyOutcome.UnknownKey);
        var (signed, readable) = await SignedRequestAsync();
        if (!readable) return Refuse(IntegrationKeyOutcome.SignatureMismatch);

        var check = await grains.GetGrain<IIntegrationClientGrain>(clientId).AuthenticateAsync(IntegrationKeys.Hash(key), signed);
        // A refusal of one of the client's own keys is audited as the client's call; an unknown key names nobody.
        if (check.Client is { } client) Context.Features.Set(new IntegrationCallFeature(client, check.Outcome, signed is not null));
        if (check.Outcome != IntegrationKeyOutcome.Accepted) return Refuse(check.Outcome);

        var caller = new IntegrationCaller(check.Client!.ClientId, check.Client.Name, check.Client.Kind, check.Client.DistrictId,
            check.Client.SchoolIds, check.Client.Permissions);
        var principal = caller.ToPrincipal();
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(RateLimitClaim, check.Client.RateLimitPerMinute.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    public static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(AuthorizationScheme + " ", StringComparison.OrdinalIgnoreCase))
            return authorization[(AuthorizationScheme.Length + 1)..].Trim();
        var header = request.Headers[KeyHeader].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    /// <summary>
    /// The signature headers and the canonical string rebuilt from the request (null: unsigned); not readable when only
    /// one header is there or either is malformed. Reading the body to hash it buffers it for the endpoint.
    /// </summary>
    private async Task<(IntegrationSignedRequest? Signed, bool Readable)> SignedRequestAsync()
    {
        var timestamp = Request.Headers[IntegrationSignature.TimestampHeader].ToString();
        var signature = Request.Headers[IntegrationSignature.SignatureHeader].ToString();
        if (timestamp.Length == 0 && signature.Length == 0) return (null, true);
        if (timestamp.Length is 0 or > 12 || !timestamp.All(char.IsAsciiDigit) || !long.TryParse(timestamp, out var seconds)
            || !signature.StartsWith(IntegrationSignature.Version, StringComparison.Ordinal) || signature.Length > 200)
            return (null, false);

        Request.EnableBuffering();
        var bodyHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(Request.Body, Context.RequestAborted));
        Request.Body.Position = 0;
        var canonical = IntegrationSignature.Canonical(timestamp, Request.Method, Request.Headers[IdempotencyKey.Header].ToString(), PathAndQuery(Context), bodyHash);
        return (new IntegrationSignedRequest(seconds, canonical, signature), true);
    }

    /// <summary>The request target as the client sent it (path and query), which is what it signed.</summary>
    public static string PathAndQuery(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw && raw.StartsWith('/')
            ? raw
            : http.Request.PathBase.Add(http.Request.Path).ToUriComponent() + http.Request.QueryString.ToUriComponent();

    private AuthenticateResult Refuse(IntegrationKeyOutcome outcome)
    {
        _refusal = outcome;
        return AuthenticateResult.Fail(Describe(outcome));
    }

    public static string Describe(IntegrationKeyOutcome outcome) => outcome switch
    {
        IntegrationKeyOutcome.KeyExpired => "This API key was replaced and its overlap has ended: use the new key.",
        IntegrationKeyOutcome.Revoked => "This integration client was revoked.",
        IntegrationKeyOutcome.SignatureRequired =>
            $"This client must sign every request ({IntegrationSignature.TimestampHeader} and {IntegrationSignature.SignatureHeader}).",
        IntegrationKeyOutcome.TimestampOutOfWindow =>
            $"{IntegrationSignature.TimestampHeader} is more than {IntegrationSignature.ReplayWindow.TotalMinutes:0} minutes from the server's time (see its X-Server-Time header).",
        IntegrationKeyOutcome.SignatureMismatch =>
            $"{IntegrationSignature.SignatureHeader} is not v1=HMAC-SHA256 of \"{{timestamp}}.{{METHOD}}.{{Idempotency-Key}}.{{path and query}}.{{body SHA-256 hex}}\" under this key's signing secret.",
        _ => "The API key is not valid.",
    };

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = AuthorizationScheme;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = _refusal is { } refusal
                    ? Describe(refusal)
                    : $"An integration client's API key is required: \"Authorization: {AuthorizationScheme} <key>\" or \"{KeyHeader}: <key>\".",
            },
        });
    }
}

/// <summary>What the key check found about the calling client, for the call's audit record (set also when refused).</summary>
public sealed record IntegrationCallFeature(IntegrationClientView Client, IntegrationKeyOutcome Outcome, bool Signed);
