using System.Text.Json;
using System.Text.Json.Nodes;
using CrisisHub.Server.Integrations;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Integrations;

/// <summary>
/// The integrators' OpenAPI document: readable without a key, every integration endpoint and nothing else, the key
/// scheme, the Idempotency-Key on every POST, problem details, and worked examples that the API itself accepts.
/// </summary>
public sealed class IntegrationOpenApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<JsonObject> DocumentAsync()
    {
        var response = await server.Factory.CreateClient().GetAsync("openapi/integrations.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "integrators read the contract before they hold a key");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task TheDocumentListsEveryIntegrationEndpointAndNothingElse()
    {
        var document = await DocumentAsync();
        var documented = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}")).Order().ToArray();
        var mapped = server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/integrations", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Order().ToArray();
        documented.ShouldBe(mapped);
        document["components"]!["securitySchemes"]![IntegrationOpenApi.SchemeName]!["name"]!.GetValue<string>().ShouldBe("X-Api-Key");
    }

    [Fact]
    public async Task EveryPostNeedsAnIdempotencyKeyAndAnswersProblemDetails()
    {
        var document = await DocumentAsync();
        var posts = document["paths"]!.AsObject().Select(p => (Path: p.Key, Post: p.Value!["post"])).Where(p => p.Post is not null).ToArray();
        posts.ShouldNotBeEmpty();
        foreach (var (path, post) in posts)
        {
            post!["parameters"]!.AsArray().ShouldContain(p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["required"]!.GetValue<bool>(), path);
            post["responses"]!.AsObject().Select(r => r.Key).ShouldContain("400", path);
            post["responses"]!["400"]!["content"]!.AsObject().Select(c => c.Key).ShouldContain("application/problem+json", path);
        }
    }

    [Fact]
    public async Task TheSignalExamplesAreSignalsTheApiAccepts()
    {
        var post = (await DocumentAsync())["paths"]!["/api/integrations/signals"]!["post"]!;
        var examples = post["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        examples.Select(e => e.Key).ShouldBe(["byStudentNumber", "byHints", "missingStudent"]);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Hosting.ProblemDetailsSetup.Configure(json);
        foreach (var (name, example) in examples)
        {
            var request = example!["value"].Deserialize<SignalRequest>(json)!;
            request.Validate(request.OccurredAt!.Value.AddHours(1)).ShouldBeEmpty(name);
        }

        var invalid = post["responses"]!["400"]!["content"]!["application/problem+json"]!["examples"]!["invalid"]!["value"]!;
        invalid["errors"]!["kind"]![0]!.GetValue<string>().ShouldBe(new SignalRequest(null, "s", "1", null, [Contracts.Cases.ObservedSign.SelfHarm], null,
            DateTimeOffset.UnixEpoch, null).Validate(DateTimeOffset.UnixEpoch)["kind"].Single(), "the example shows what the API says");
    }
}
