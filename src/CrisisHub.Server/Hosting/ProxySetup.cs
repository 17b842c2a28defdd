using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Running behind a TLS-terminating proxy (deploy/nginx): the client's address and scheme come from
/// X-Forwarded-For/-Proto, honoured only when the connection comes from a configured proxy. Applied first in
/// the pipeline, so the login rate limit keys on the real client and cookies know the request was https.
/// </summary>
public static class ProxySetup
{
    public static WebApplicationBuilder AddCrisisHubProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(CrisisHubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxy) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; nothing is trusted unless configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in proxy.Value.KnownProxies)
            {
                ProxyOptions.TryParse(entry, out var address, out var network);
                if (address is not null) o.KnownProxies.Add(address);
                if (network is { } n) o.KnownIPNetworks.Add(n);
            }
        });
        // SameAsRequest: Secure whenever the client's request was https (forwarded proto included); Always on demand.
        builder.Services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie).PostConfigure<IOptions<ProxyOptions>>((o, proxy) =>
            o.Cookie.SecurePolicy = proxy.Value.SecureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>
    /// First in the pipeline: everything after it (logs, rate limit, https checks, cookies) sees the real client.
    /// Not added at all without a configured proxy: with empty lists the framework's middleware trusts every sender.
    /// </summary>
    public static IApplicationBuilder UseCrisisHubForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value.KnownProxies.Length > 0 ? app.UseForwardedHeaders() : app;
}
