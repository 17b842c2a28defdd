using CrisisHub.Contracts.Operations;

namespace CrisisHub.Server.Operations.Canary;

public static class CanarySetup
{
    /// <summary>The canary's parts exist on every node; it runs on its schedule only where Canary:Enabled is set.</summary>
    public static WebApplicationBuilder AddCrisisHubCanary(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CanaryOptions>().BindConfiguration(CanaryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CanaryStatus>();
        builder.Services.AddSingleton<CanaryMetrics>();
        builder.Services.AddSingleton<OperatorAlerts>();
        builder.Services.AddSingleton<CanaryRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CanaryRunner>());
        return builder;
    }

    /// <summary>GET /api/operations/canary: every node's latest run, for the wallboards' operator banner (no personal data in it).</summary>
    public static IEndpointRouteBuilder MapCanaryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/operations/canary", async (OperatorAlerts alerts) => TypedResults.Ok<CanaryReport[]>(await alerts.ListAsync()))
            .WithTags("Operations");
        return app;
    }
}
