using CrisisHub.Contracts.Integrations;
using CrisisHub.Server.Flags;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// Records every call of an integration client in its chain ("integration:{clientId}"), after the response is decided, so
/// the record holds the status the client got, refusals (a revoked or expired key, a bad signature, 429, 400) included.
/// It wraps authorization: it sees what the key check found (<see cref="IntegrationCallFeature"/>), which only the
/// integration policy's scheme sets. A key that is no client's is recorded nowhere: anyone can type a client id.
/// </summary>
public static class IntegrationCallAudit
{
    public static IApplicationBuilder UseIntegrationCallAudit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!IntegrationSetup.IsIntegrationEndpoint(http.GetEndpoint()))
        {
            await next(http);
            return;
        }

        try
        {
            await next(http);
        }
        catch (Exception exception)
        {
            // The exception handler outside answers it: record the status it will give.
            if (http.Features.Get<IntegrationCallFeature>() is { } failed) await RecordAsync(http, failed, StatusOf(exception));
            throw;
        }

        if (http.Features.Get<IntegrationCallFeature>() is { } found) await RecordAsync(http, found, http.Response.StatusCode);
    });

    private static int StatusOf(Exception exception) => exception switch
    {
        Contracts.DomainRuleException { Kind: Contracts.RuleKind.NotFound } => StatusCodes.Status404NotFound,
        Contracts.DomainRuleException { Kind: Contracts.RuleKind.Conflict } => StatusCodes.Status409Conflict,
        Contracts.DomainRuleException => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static async Task RecordAsync(HttpContext http, IntegrationCallFeature found, int status)
    {
        var key = http.Request.Headers[IdempotencyKey.Header].ToString();
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        var call = new IntegrationCall(http.Request.Method, route, status, IdempotencyKey.IsValid(key) ? key : null,
            found.Outcome == IntegrationKeyOutcome.Accepted ? null : found.Outcome.ToString());
        try
        {
            await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIntegrationCallsGrain>(found.Client.ClientId)
                .RecordAsync(call, found.Client.Name);
        }
        catch (Exception exception)
        {
            // The call was answered already: say loudly that its record is missing rather than turn the answer into an error.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntegrationCallAudit))
                .LogError(exception, "The call of integration client {ClientId} to {Route} ({Status}) could not be audited", found.Client.ClientId, route, status);
        }
    }
}

/// <summary>
/// Every change an integration client makes (POST, PUT, PATCH, DELETE on an endpoint under <see cref="IntegrationCaller.Policy"/>)
/// carries an Idempotency-Key, so a retried request cannot act twice; without one it is a 400 before the endpoint runs.
/// Each endpoint keeps its own record of the keys it saw and replays the first answer.
/// </summary>
public static class IntegrationIdempotency
{
    public static IApplicationBuilder UseIntegrationIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Changes(http.Request.Method) && IntegrationSetup.IsIntegrationEndpoint(http.GetEndpoint())
            && !IdempotencyKey.IsValid(http.Request.Headers[IdempotencyKey.Header].ToString()))
        {
            await Missing().ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    public static IResult Missing() => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
        detail: $"An {IdempotencyKey.Header} header (1-100 letters, digits, '_', '.', ':' or '-') is required on every change an integration client makes, so a retried request cannot act twice.");

    public static bool Changes(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
