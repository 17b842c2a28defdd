using CrisisHub.Contracts;
using CrisisHub.Contracts.Hotlines;

namespace CrisisHub.Grains.Sms;

/// <summary>
/// Ends a guardian's text with the district's parent lines: names and numbers, never a link (mainland carriers filter
/// links, and a guardian has no account to follow one). The text stays within two segments: lines that do not fit
/// keep only their number, and those that still do not fit are left out, in the directory's order.
/// </summary>
public static class TextHotlines
{
    public const string Placeholder = "{hotlines}";

    /// <summary>Two concatenated segments: 2 × 153 GSM-7 characters, or 2 × 67 UCS-2 characters once any character is not GSM-7.</summary>
    public static int TwoSegmentLimit(string text) => text.All(IsPlainAscii) ? 2 * 153 : 2 * 67;

    /// <summary>
    /// Fills <see cref="Placeholder"/> in <paramref name="text"/> with the lines (appended when a configured template
    /// has no placeholder), or removes it when there are none.
    /// </summary>
    public static string Fill(string text, HotlineEntry[]? lines, string language)
    {
        if (lines is not { Length: > 0 }) return text.Replace(Placeholder, "", StringComparison.Ordinal).Trim();
        if (!text.Contains(Placeholder, StringComparison.Ordinal)) text = $"{text} {Placeholder}";
        var english = language == Languages.English;
        var (lead, separator) = english ? ("Helplines: ", ", ") : ("求助热线：", "、");
        var listed = new List<string>();
        var numbersOnly = false;
        foreach (var line in lines)
        {
            var named = english ? $"{line.NameIn(language)} {line.Number}" : $"{line.NameIn(language)}{line.Number}";
            if (!numbersOnly && Fits(text, lead, separator, [.. listed, named])) listed.Add(named);
            else if (Fits(text, lead, separator, [.. listed, line.Number]))
            {
                // Once one name did not fit, the rest are numbers too: every name shown belongs to the number after it.
                numbersOnly = true;
                listed.Add(line.Number);
            }
            else break;
        }

        return Render(text, lead, separator, listed);
    }

    private static bool Fits(string text, string lead, string separator, List<string> listed)
    {
        var rendered = Render(text, lead, separator, listed);
        return rendered.Length <= TwoSegmentLimit(rendered);
    }

    private static string Render(string text, string lead, string separator, List<string> listed) =>
        text.Replace(Placeholder, listed.Count == 0 ? "" : lead + string.Join(separator, listed), StringComparison.Ordinal).Trim();

    private static bool IsPlainAscii(char c) => c is >= ' ' and <= '~' and not ('[' or ']' or '{' or '}' or '\\' or '^' or '~' or '|');
}
