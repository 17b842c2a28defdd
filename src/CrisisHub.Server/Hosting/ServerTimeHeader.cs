using Orleans.Runtime;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Every response says what time the server makes it, so the pages count deadlines down on the server's
/// clock rather than the phone's: a phone ten minutes off must not show a 15-minute deadline as nearly gone.
/// The time is read from the clock the grains measure deadlines with (tests replace that one alone).
/// </summary>
public static class ServerTimeHeader
{
    public const string Name = "X-Server-Time";

    public static IApplicationBuilder UseServerTimeHeader(this IApplicationBuilder app)
    {
        var clock = app.ApplicationServices.GetKeyedService<TimeProvider>(TimeProviderNames.Grains)
            ?? app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                // Read when the response leaves, not when the request arrived: a slow request must not skew the client.
                http.Response.Headers[Name] = clock.GetUtcNow().ToString("O");
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
