using CrisisHub.Server.Admin;
using CrisisHub.Server.Alerts;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Flags;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Notifications;
using CrisisHub.Server.Seed;
using CrisisHub.Server.Sms;
using CrisisHub.Server.Students;

namespace CrisisHub.Server.Hosting;

public static class ApiSetup
{
    public static WebApplicationBuilder AddCrisisHubApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CrisisHubOptions>().BindConfiguration(CrisisHubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OrleansHostingOptions>().BindConfiguration(OrleansHostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSignalR().AddJsonProtocol(o => ProblemDetailsSetup.Configure(o.PayloadSerializerOptions));
        builder.Services.AddSingleton<SeedLoader>();
        // Registered after UseOrleans, so the silo is running when these start.
        builder.Services.AddHostedService<SeedOnStart>();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication MapCrisisHub(this WebApplication app)
    {
        app.UseCrisisHubRequestLogging();
        app.UseExceptionHandler();
        // The pages are public files; everything they show comes from the authorised API.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapAuthEndpoints();
        app.MapFlagEndpoints();
        app.MapStudentEndpoints();
        app.MapCaseEndpoints();
        app.MapAlertEndpoints();
        app.MapAdminEndpoints();
        app.MapSmsEndpoints();
        app.MapTwilioWebhooks();
        app.MapHub<AlertHub>(AlertHub.Path);
        return app;
    }
}
