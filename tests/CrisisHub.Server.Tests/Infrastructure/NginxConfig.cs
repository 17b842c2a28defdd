namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// Just enough of nginx's configuration syntax to check deploy/nginx without an nginx binary: directives
/// ("name arg arg;") and blocks ("name arg { … }"), '#' comments, and single- or double-quoted arguments.
/// </summary>
public sealed record NginxDirective(string Name, IReadOnlyList<string> Args, IReadOnlyList<NginxDirective> Children)
{
    public IEnumerable<NginxDirective> All(string name) => Children.Where(c => c.Name == name);

    public IEnumerable<NginxDirective> Descendants() => Children.SelectMany(c => c.Descendants().Prepend(c));

    /// <summary>
    /// The location of this server block that nginx picks for a request: an exact match ("= /x"); else the longest prefix
    /// if it is marked "^~"; else the first regex ("~", "~*" ignoring case) in file order; else the longest prefix. The
    /// URI is normalised first, as nginx does: query dropped, percent-decoded, slashes merged, "." and ".." resolved.
    /// </summary>
    public NginxDirective? LocationFor(string requestUri)
    {
        var uri = Normalise(requestUri);
        var locations = All("location").ToList();
        var exact = locations.FirstOrDefault(l => l.Args is ["=", var path] && path == uri);
        if (exact is not null) return exact;

        var prefix = locations.Where(l => l.Args is [var p] && uri.StartsWith(p, StringComparison.Ordinal) || l.Args is ["^~", var q] && uri.StartsWith(q, StringComparison.Ordinal))
            .MaxBy(l => l.Args[^1].Length);
        if (prefix?.Args[0] == "^~") return prefix;

        var regex = locations.FirstOrDefault(l => l.Args is [var op, var pattern] && op is "~" or "~*"
            && System.Text.RegularExpressions.Regex.IsMatch(uri, pattern, op == "~*" ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : default));
        return regex ?? prefix;
    }

    private static string Normalise(string requestUri)
    {
        var path = Uri.UnescapeDataString(requestUri.Split('?')[0]);
        var segments = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else if (segment != ".") segments.Add(segment);
        }

        return "/" + string.Join('/', segments) + (path.EndsWith('/') && segments.Count > 0 ? "/" : "");
    }

    public static NginxDirective Parse(string text)
    {
        var tokens = Tokenize(text).GetEnumerator();
        var root = ParseBlock(tokens, "");
        return new NginxDirective("", [], root);
    }

    private static List<NginxDirective> ParseBlock(IEnumerator<string> tokens, string closing)
    {
        var directives = new List<NginxDirective>();
        var words = new List<string>();
        while (tokens.MoveNext())
        {
            switch (tokens.Current)
            {
                case ";":
                    directives.Add(new NginxDirective(words[0], [.. words.Skip(1)], []));
                    words.Clear();
                    break;
                case "{":
                    directives.Add(new NginxDirective(words[0], [.. words.Skip(1)], ParseBlock(tokens, "}")));
                    words.Clear();
                    break;
                case "}":
                    if (closing != "}" || words.Count > 0) throw new FormatException("Unbalanced '}' or a directive without ';'.");
                    return directives;
                default:
                    words.Add(tokens.Current);
                    break;
            }
        }

        if (closing.Length > 0 || words.Count > 0) throw new FormatException("Unclosed block or a directive without ';'.");
        return directives;
    }

    private static IEnumerable<string> Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#') { while (i < text.Length && text[i] != '\n') i++; continue; }
            if (c is ';' or '{' or '}') { i++; yield return c.ToString(); continue; }
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0) throw new FormatException("Unclosed quote.");
                yield return text[(i + 1)..end];
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (';' or '{' or '}')) i++;
            yield return text[start..i];
        }
    }
}
