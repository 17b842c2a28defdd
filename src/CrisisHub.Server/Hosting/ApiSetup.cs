using CrisisHub.Server.Integrations;
using CrisisHub.Server.Missing;
using CrisisHub.Server.Plans;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Failover;
using Microsoft.AspNetCore.SignalR;
using CrisisHub.Server.Alerts;
using CrisisHub.Server.Audit;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Flags;
using CrisisHub.Server.Hotlines;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Ledger;
using CrisisHub.Server.Notifications;
using CrisisHub.Server.Operations;
using CrisisHub.Server.Operations.Canary;
using CrisisHub.Server.Pages;
using CrisisHub.Server.Privacy;
using CrisisHub.Server.Screening;
using CrisisHub.Server.Referrals;
using CrisisHub.Server.Reports;
using CrisisHub.Server.Seed;
using CrisisHub.Server.Sms;
using CrisisHub.Server.Push;
using CrisisHub.Server.Students;

namespace CrisisHub.Server.Hosting;

public static class ApiSetup
{
    public static WebApplicationBuilder AddCrisisHubApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CrisisHubOptions>().BindConfiguration(CrisisHubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OrleansHostingOptions>().BindConfiguration(OrleansHostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BreakGlassOptions>().BindConfiguration(BreakGlassOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var signalR = builder.Services.AddSignalR(o => o.AddFilter<Failover.TransientHubRetry>())
            .AddJsonProtocol(o => ProblemDetailsSetup.Configure(o.PayloadSerializerOptions));
        var silo = builder.Configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        // IHubContext reaches only this process's connections; with more than one node the backplane carries the rest.
        if (silo.UsesRedis)
            signalR.AddStackExchangeRedis(silo.Redis!, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(silo.SignalRChannelPrefix));
        builder.AddCrisisHubProxy();
        builder.Services.AddSingleton<SeedLoader>();
        builder.Services.AddSingleton<SchoolCalendar>();
        builder.Services.AddSingleton<LedgerBuilder>();
        builder.Services.AddSingleton<Integrations.SignalQueueNotices>();
        builder.Services.AddSingleton<Integrations.SignalDelivery>();
        builder.Services.AddIntegrationOpenApi();
        builder.Services.AddMissingStudents();
        builder.Services.AddCrisisHubReports();
        // Registered after UseOrleans, so the silo is running when these start.
        builder.Services.AddHostedService<SeedOnStart>();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication MapCrisisHub(this WebApplication app)
    {
        app.UseCrisisHubForwardedHeaders();
        app.UseCrisisHubMetricsAccess();
        app.UseSecurityHeaders();
        app.UseCrisisHubRequestLogging();
        app.UseServerTimeHeader();
        app.UseExceptionHandler();
        // The pages are public files; everything they show comes from the authorised API.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseStatusCodePages();
        // Inside the exception handler (what still fails after the budget is reported as before), ahead of the session check.
        app.UseMiddleware<Failover.TransientFailureRetry>();
        app.UseClusterDataGuard();
        app.UseAuthentication();
        app.UseSameOriginCheck();
        // Around authorization, so an integration client's refused calls (revoked key, bad signature, 429) are audited too.
        app.UseIntegrationCallAudit();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseIntegrationIdempotencyKeys();

        app.MapCrisisHubHealth();
        app.MapCrisisHubMetrics();
        app.MapCanaryEndpoints();
        // Whether the cluster's data is lost (cluster mode; embedded: never), for the wallboards' banner.
        app.MapGet("/api/operations/cluster", (IServiceProvider services) =>
            TypedResults.Ok(services.GetService<ClusterEpoch>()?.View ?? new ClusterDataView(false, null, null))).WithTags("Operations");
        app.MapAuthEndpoints();
        app.MapPageEndpoints();
        app.MapServiceWorker();
        app.MapFlagEndpoints();
        app.MapStudentEndpoints();
        app.MapCaseEndpoints();
        app.MapMissingEndpoints();
        app.MapReferralEndpoints();
        app.MapAlertEndpoints();
        app.MapAdminEndpoints();
        app.MapGreenChannelAdminEndpoints();
        app.MapDiagnosticsEndpoints();
        app.MapAuditVerificationEndpoints();
        app.MapSmsEndpoints();
        app.MapPushEndpoints();
        app.MapPrivacyEndpoints();
        app.MapReportEndpoints();
        app.MapScreeningEndpoints();
        app.MapSignalEndpoints();
        app.MapSignalQueueEndpoints();
        app.MapScreeningIntegrationEndpoints();
        // The integrators' contract, readable before they hold a key: it describes the API, it holds nothing.
        app.MapOpenApi(IntegrationOpenApi.Route).AllowAnonymous();
        app.MapLedgerEndpoints();
        app.MapPlanEndpoints();
        app.MapIntegrationClientEndpoints();
        app.MapIntegrationAdminEndpoints();
        app.MapHotlineAdminEndpoints();
        app.MapTwilioWebhooks();
        app.MapHub<AlertHub>(AlertHub.Path);
        return app;
    }
}
