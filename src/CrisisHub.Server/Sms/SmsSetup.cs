using CrisisHub.Grains.Sms;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CrisisHub.Server.Sms;

public static class SmsSetup
{
    /// <summary>Twilio when credentials are configured, the local outbox otherwise; same grains either way.</summary>
    public static WebApplicationBuilder AddCrisisHubSms(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section);
        builder.Services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section);
        builder.Services.AddSingleton<SmsHealth>();
        builder.Services.AddOptions<SmsHealthMode>();
        builder.Services.AddSingleton<InboundReplies>();
        builder.Services.AddSingleton<LocalOutboxGateway>();
        var twilio = builder.Configuration.GetSection(TwilioOptions.Section).Get<TwilioOptions>() ?? new();
        if (!twilio.Enabled)
        {
            builder.Services.AddSingleton<ISmsGateway>(services => Measured(services, services.GetRequiredService<LocalOutboxGateway>(), MeasuredSmsGateway.Local));
            return builder;
        }

        builder.Services.PostConfigure<SmsOptions>(o => o.PublicBaseUrl ??= twilio.PublicBaseUrl);
        builder.Services.AddHttpClient<TwilioSmsGateway>()
            .AddResilienceHandler("twilio", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.RetryBaseDelay,
                    ShouldRetryAfterHeader = true,
                    // 429 and 5xx were not accepted, and a request that never left (no name, no connection, no TLS)
                    // sent nothing: safe to repeat. A timeout or a reset is left to the text grain, which asks Twilio
                    // before it sends again.
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Result is { } r && ((int)r.StatusCode == 429 || (int)r.StatusCode >= 500)
                        || args.Outcome.Exception is { } e && ProviderFailures.NothingSent(e)),
                });
                pipeline.AddTimeout(o.AttemptTimeout);
            });
        builder.Services.AddSingleton<TwilioSenderQueue>();
        builder.Services.AddTransient<ISmsGateway>(sp => Measured(sp, sp.GetRequiredService<TwilioSmsGateway>(), "twilio"));
        builder.Services.PostConfigure<SmsHealthMode>(m => m.Mode = "twilio");
        return builder;
    }

    private static MeasuredSmsGateway Measured(IServiceProvider services, ISmsGateway provider, string name)
    {
        var metrics = services.GetRequiredService<Grains.Telemetry.CrisisHubMetrics>();
        // Canary texts always go local: both channels' failure counters exist from the start.
        metrics.SmsProviderInUse(name);
        metrics.SmsProviderInUse(MeasuredSmsGateway.Local);
        return new(provider, name, services.GetRequiredService<LocalOutboxGateway>(), metrics, services.GetRequiredService<TimeProvider>());
    }
}
