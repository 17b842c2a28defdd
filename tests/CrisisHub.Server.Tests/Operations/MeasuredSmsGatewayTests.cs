using CrisisHub.Grains.Sms;
using CrisisHub.Grains.Telemetry;
using CrisisHub.Server.Sms;
using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>A canary's text goes to the local outbox whatever provider the node has; every other text to the provider.</summary>
public sealed class MeasuredSmsGatewayTests
{
    [Fact]
    public async Task ACanarysTextNeverReachesTheProviderAndARealOneAlwaysDoes()
    {
        var twilio = new Recording("SM1");
        var outbox = new Recording("LO1");
        var gateway = new MeasuredSmsGateway(twilio, "twilio", outbox, new CrisisHubMetrics(), new FakeTimeProvider());
        OutboundSms canary = new("c1.1.canary", "a1", "+12125550199", "body", TimeSpan.FromMinutes(15), Synthetic: true);
        OutboundSms real = new("c2.1.teacher", "a2", "+12025550104", "body", TimeSpan.FromMinutes(15));

        (await gateway.SendAsync(canary, CancellationToken.None)).ShouldBe(new SmsSendResult.Accepted("LO1"));
        (await gateway.SendAsync(real, CancellationToken.None)).ShouldBe(new SmsSendResult.Accepted("SM1"));
        (await gateway.FindAcceptedAsync(canary, DateTimeOffset.UnixEpoch, CancellationToken.None)).ShouldBe("LO1");

        twilio.Sent.ShouldBe(["c2.1.teacher"]);
        outbox.Sent.ShouldBe(["c1.1.canary"]);
        twilio.Looked.ShouldBeEmpty();
    }

    private sealed class Recording(string sid) : ISmsGateway
    {
        public List<string> Sent { get; } = [];
        public List<string> Looked { get; } = [];

        public Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
        {
            Sent.Add(sms.MessageId);
            return Task.FromResult<SmsSendResult>(new SmsSendResult.Accepted(sid));
        }

        public Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken)
        {
            Looked.Add(sms.MessageId);
            return Task.FromResult<string?>(sid);
        }
    }
}
