using CrisisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Push;

public static class PushSetup
{
    /// <summary>Web Push: the VAPID keys (made on the embedded default's first start), the sender, the queue and its dispatcher.</summary>
    public static WebApplicationBuilder AddCrisisHubPush(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebPushOptions>().BindConfiguration(WebPushOptions.Section)
            .Validate(o => o.TimeToLiveSeconds is >= 0 and <= 2_419_200, "CrisisHub:WebPush:TimeToLiveSeconds must be 0 to 2419200 (28 days).")
            .Validate(o => o.Subject.StartsWith("mailto:", StringComparison.Ordinal) || o.Subject.StartsWith("https://", StringComparison.Ordinal),
                "CrisisHub:WebPush:Subject must be a mailto: or https: URL of the operators (RFC 8292).")
            .ValidateOnStart();
        // Loaded when first asked for: by the dispatcher as it starts (after ServerExclusivity holds the data folder) or a request.
        builder.Services.AddSingleton(services =>
        {
            var crisisHub = services.GetRequiredService<IOptions<CrisisHubOptions>>().Value;
            var silo = services.GetRequiredService<IConfiguration>().GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
            return VapidKeys.Load(services.GetRequiredService<IOptions<WebPushOptions>>().Value, crisisHub.DataFolderPath, silo.UsesRedis);
        });
        builder.Services.AddSingleton<VapidSigner>();
        builder.Services.AddSingleton<PushHealth>();
        builder.Services.AddSingleton<AlertPushes>();
        builder.Services.AddHttpClient<WebPushSender>();
        builder.Services.AddSingleton<AlertPushDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertPushDispatcher>());
        return builder;
    }
}
