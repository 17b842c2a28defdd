using System.Threading.RateLimiting;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Notifications;
using CrisisHub.Grains.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;

namespace CrisisHub.Server.Identity;

public static class IdentitySetup
{
    public const string LoginRateLimit = "login";

    /// <summary>
    /// Cookies for browsers, bearer tokens for API clients and the SignalR .NET client; both protected by
    /// data-protection keys kept in the data folder so a restart does not sign everybody out.
    /// </summary>
    private static Task ReadHubTokenFromQuery(MessageReceivedContext context)
    {
        var token = context.Request.Query["access_token"].ToString();
        if (context.Request.Path.StartsWithSegments(AlertHub.Path) && token.Length > 0) context.Token = token;
        return Task.CompletedTask;
    }

    public static WebApplicationBuilder AddCrisisHubIdentity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CrisisHubOptions.Section).Get<CrisisHubOptions>() ?? new();
        var silo = builder.Configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        var protection = builder.Services.AddDataProtection().SetApplicationName("CrisisHub");
        if (silo.UsesRedis)
        {
            // Every node must read every node's cookies and tokens: the keys live in the cluster's Redis.
            builder.Services.AddOptions<KeyManagementOptions>().Configure<StackExchange.Redis.IConnectionMultiplexer>((o, redis) =>
                o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "crisishub:data-protection-keys"));
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataFolderPath, "keys")));
        }

        builder.Services.AddSingleton<SessionStamps>();
        builder.Services.AddSingleton<LiveSessions>();
        builder.Services.AddSingleton<SessionHubFilter>();
        builder.Services.AddSingleton<ISessionNotifier, SignalRSessionNotifier>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<SessionHubFilter>());
        // The sweep runs on the grain clock (tests advance it); the system clock where none is configured.
        builder.Services.AddHostedService(sp => new SessionSweep(sp.GetRequiredService<LiveSessions>(),
            sp.GetKeyedService<TimeProvider>(Orleans.Runtime.TimeProviderNames.Grains) ?? sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SessionSweep>>()));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<CrisisHub.Contracts.Identity.UserAccount>,
            Microsoft.AspNetCore.Identity.PasswordHasher<CrisisHub.Contracts.Identity.UserAccount>>();
        builder.Services.AddSingleton<SignInService>();

        builder.Services.AddAuthentication(AuthSchemes.Smart)
            // Cookie or bearer token, and in either case a session whose security stamp is still the account's.
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(AuthSchemes.Smart, "Cookie or bearer token", _ => { })
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "crisishub";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // An API answers 401/403; it does not redirect to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            })
            .AddBearerToken(AuthSchemes.Bearer, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(8);
                // WebSockets cannot carry headers from browsers: SignalR sends the token in the query.
                o.Events = new BearerTokenEvents { OnMessageReceived = ReadHubTokenFromQuery };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddAdministratorsPolicy()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(AuthSchemes.Smart).RequireAuthenticatedUser().Build());

        var attempts = options.LoginAttemptsPerMinute;
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }
}
