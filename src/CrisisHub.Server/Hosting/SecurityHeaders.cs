namespace CrisisHub.Server.Hosting;

/// <summary>
/// Headers every response carries, pages and API alike. The pages load only their own scripts and styles
/// (no inline code, no inline style attributes), talk only to their own origin (SignalR's ws: included in
/// 'self'), and may not be framed: a cross-site iframe of the case page is how a click-jacker would make a
/// teacher close a case. API responses hold children's health data and must never sit in a shared cache. The installable
/// app's service worker and manifest come from the same origin too (worker-src, manifest-src).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>One year: a browser that once reached CrisisHub over TLS never tries plain HTTP again.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // IsHttps is the client's scheme once forwarded headers from a known proxy are applied. Written
            // here rather than with UseHsts, which leaves out localhost and so could not be shown in a test.
            if (http.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
            if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(http);
    });
}
