using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisHub.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace CrisisHub.Server.Hosting;

public static class ProblemDetailsSetup
{
    /// <summary>Every error leaves the API as RFC 7807 problem details; enums travel as their names.</summary>
    public static WebApplicationBuilder AddCrisisHubProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        // Malformed JSON raises BadHttpRequestException so the handler can say what was wrong.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static void Configure(JsonSerializerOptions json)
    {
        json.Converters.Add(new AllowedValuesEnumConverter());
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    }
}

/// <summary>Turns domain refusals and unreadable requests into problem details with the right status.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // The exception handler has cleared the request's endpoint by now; its feature keeps the one that failed.
        var (status, title, detail, errors) = exception switch
        {
            DomainRuleException e => (e.Kind switch
            {
                RuleKind.NotFound => StatusCodes.Status404NotFound,
                RuleKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }, e.Kind.ToString(), e.Message, e.Errors),
            BadHttpRequestException e when BadRequestDescriber.Describe(e, http.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is var bad => (e.StatusCode, "Bad request", bad.Detail, (IReadOnlyDictionary<string, string[]>?)bad.Errors),
            _ => (0, "", "", null),
        };
        if (status == 0) return false;

        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext { HttpContext = http, Exception = exception };
        context.ProblemDetails.Status = status;
        context.ProblemDetails.Title = title;
        context.ProblemDetails.Detail = detail;
        if (errors is { Count: > 0 }) context.ProblemDetails.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(context);
    }
}
