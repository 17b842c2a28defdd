using System.Text.Json.Nodes;
using CrisisHub.Server.Flags;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrisisHub.Server.Integrations;

/// <summary>An example an integration endpoint shows in the OpenAPI document: its request body (no status) or an answer.</summary>
public sealed record OpenApiExampleOf(string Name, string Json, int? Status = null, string? Summary = null);

/// <summary>
/// The OpenAPI document for integrators (<c>/openapi/integrations.json</c>): only the <c>/api/integrations</c> endpoints,
/// with the API key scheme, the Idempotency-Key and optional signature headers, problem details and worked examples.
/// The people's API is not in it: it is for our own pages, not a contract with outside systems.
/// </summary>
public static class IntegrationOpenApi
{
    public const string DocumentName = "integrations";
    public const string Route = "/openapi/{documentName}.json";
    public const string SchemeName = "ApiKey";

    public static IServiceCollection AddIntegrationOpenApi(this IServiceCollection services) => services.AddOpenApi(DocumentName, o =>
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/integrations", StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CrisisHub integrations",
                Version = "v1",
                Description = "Signals from outside the school (online monitoring, police, hotlines, hospitals) and screening results. "
                    + "Every call carries the client's API key; every POST an Idempotency-Key. Errors are RFC 7807 problem details. "
                    + "A walkthrough with curl: docs/integrations.md.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                    Description = "The key the district administrator was shown once when registering (or rotating) the client. "
                        + "`Authorization: ApiKey <key>` works too.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var post = string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
            if (post) AddPostHeaders(operation);
            // What the key check, the rate limit and the Idempotency-Key check answer, before any endpoint runs.
            AddProblem(operation, 401, "No key, or a key unknown, revoked, expired or badly signed");
            AddProblem(operation, 429, "Over the client's rate limit: wait Retry-After seconds");
            if (post) AddProblem(operation, 400, "Not valid: each wrong field with what is allowed (or no Idempotency-Key)");
            foreach (var example in metadata.OfType<OpenApiExampleOf>()) AddExample(operation, example);
            return Task.CompletedTask;
        });
    });

    private static void AddPostHeaders(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKey.Header, In = ParameterLocation.Header, Required = true,
            Description = "1-100 letters, digits, '_', '.', ':' or '-'. A retry with the same key and body answers the first result and stores nothing new; "
                + "the same key with another body is refused (422).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9_.:-]{1,100}$" },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "X-CrisisHub-Timestamp", In = ParameterLocation.Header,
            Description = "Optional request signature (required if the client was registered so): Unix seconds, within 5 minutes of the server's clock.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "X-CrisisHub-Signature", In = ParameterLocation.Header,
            Description = "Optional: v1=<hex HMAC-SHA256 with the client's signing secret over \"{timestamp}.{METHOD}.{Idempotency-Key}.{path and query}.{hex SHA-256 of the body}\">.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
        };
    }

    private static void AddExample(OpenApiOperation operation, OpenApiExampleOf example)
    {
        var value = JsonNode.Parse(example.Json);
        var openApiExample = new OpenApiExample { Summary = example.Summary ?? example.Name, Value = value };
        if (example.Status is null)
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                (media.Examples ??= new Dictionary<string, IOpenApiExample>())[example.Name] = openApiExample;
            return;
        }

        operation.Responses ??= [];
        var key = example.Status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(key, out var response) || response is not OpenApiResponse concrete)
            operation.Responses[key] = concrete = new OpenApiResponse { Description = example.Summary ?? example.Name };
        concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
        var type = example.Status >= 400 ? "application/problem+json" : "application/json";
        if (!concrete.Content.TryGetValue(type, out var mediaType)) concrete.Content[type] = mediaType = new OpenApiMediaType();
        (mediaType.Examples ??= new Dictionary<string, IOpenApiExample>())[example.Name] = openApiExample;
    }
}
