using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrisisHub.Grains.Sms;

/// <summary>Reads a reply the way people type them: "1 4821", "4821", "OK 4821", "收到 4821", a bare "1", STOP, 退订.</summary>
public static partial class ReplyParser
{
    public enum Meaning { Unknown, Code, Latest, Stop, Start }

    // Twilio's opt-out and opt-in keywords, plus the Chinese "unsubscribe" (退订, TD) mainland users send.
    private static readonly HashSet<string> StopWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "退订", "TD"];
    private static readonly HashSet<string> StartWords = ["START", "YES", "UNSTOP"];

    [GeneratedRegex(@"^(?:(?:1|OK|收到|确认|好)[\s,，.。:：]*)?(\d{4})[\s.。!！]*$")]
    private static partial Regex CodeReply();

    [GeneratedRegex(@"^(?:1|OK|收到|确认|好的?)[\s.。!！]*$")]
    private static partial Regex BareReply();

    public static (Meaning Meaning, string? Code) Parse(string? body)
    {
        var text = Normalize(body);
        if (text.Length == 0) return (Meaning.Unknown, null);
        if (StopWords.Contains(text)) return (Meaning.Stop, null);
        if (StartWords.Contains(text)) return (Meaning.Start, null);
        if (CodeReply().Match(text) is { Success: true } match) return (Meaning.Code, match.Groups[1].Value);
        return BareReply().IsMatch(text) ? (Meaning.Latest, null) : (Meaning.Unknown, null);
    }

    /// <summary>Full-width digits and letters to ASCII, upper case, trimmed.</summary>
    private static string Normalize(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        var text = body.Normalize(NormalizationForm.FormKC).Trim();
        return text.ToUpper(CultureInfo.InvariantCulture);
    }
}
