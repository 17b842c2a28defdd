namespace CrisisHub.Server.Sms;

/// <summary>
/// The "Twilio" section. With AccountSid and AuthToken set, texts go through Twilio's REST API; without
/// them the embedded local outbox keeps them (the demo works offline).
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>Accepted as well while a token is being rotated (Twilio's secondary auth token).</summary>
    public string? SecondaryAuthToken { get; set; }

    /// <summary>The sending number (E.164), or use MessagingServiceSid.</summary>
    public string? From { get; set; }
    public string? MessagingServiceSid { get; set; }

    /// <summary>
    /// The public URL Twilio calls (the one configured at Twilio). Callbacks are signed over it, so it is
    /// used as is, whatever a reverse proxy rewrote the request URL to.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Most texts per second from one sender; more wait their turn, none are dropped.</summary>
    public int MessagesPerSecond { get; set; } = 1;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken);

    public IEnumerable<string> AuthTokens => new[] { AuthToken, SecondaryAuthToken }.OfType<string>().Where(t => t.Length > 0);
}
