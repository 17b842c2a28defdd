using System.Text.RegularExpressions;
using CrisisHub.Contracts;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Each page loads only the strings modules its scripts import. A key a page names literally (t('case.save') or
/// data-i18n="case.save") that no imported module defines shows as the raw key: these tests follow each page's
/// imports from its script tag and require every such key to be defined along the way.
/// </summary>
public sealed partial class PageImportsTests
{
    private static readonly string Root = Path.Combine(RepositoryRoot(), "src", "CrisisHub.Server", "wwwroot");

    public static TheoryData<string> Pages => [.. Directory.EnumerateFiles(Root, "*.html").Select(f => Path.GetFileName(f)!).Order()];

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryKeyAPageNamesIsDefinedInAStringsModuleItImports(string page)
    {
        var html = File.ReadAllText(Path.Combine(Root, page));
        var modules = Reachable(ScriptTag().Matches(html).Select(m => Path.Combine(Root, m.Groups[1].Value.TrimStart('/'))));
        var defined = modules.Where(IsStringsModule).SelectMany(f => EntryKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();
        var named = I18nAttribute().Matches(html).Select(m => m.Groups[1].Value)
            .Concat(modules.Where(f => !IsStringsModule(f)).SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)));

        modules.ShouldContain(f => IsStringsModule(f), $"{page} imports no strings module");
        named.Where(key => !defined.Contains(key)).Distinct().ShouldBeEmpty($"{page} names these keys but imports no strings module defining them");
    }

    [Fact]
    public void TheStringEntriesAreWrittenInTheOrderTheServerListsItsLanguages()
    {
        // The pages pick an entry's words by the language's position in GET /api/config's list.
        Languages.All.ShouldBe([Languages.Chinese, Languages.English]);
        Languages.Default.ShouldBe(Languages.All[0]);
    }

    private static bool IsStringsModule(string file) => Path.GetFileName(Path.GetDirectoryName(file)) == "strings";

    /// <summary>Every module the entry scripts import, directly or through others.</summary>
    private static List<string> Reachable(IEnumerable<string> entries)
    {
        var seen = new List<string>();
        var pending = new Stack<string>(entries.Select(Path.GetFullPath));
        while (pending.TryPop(out var file))
        {
            if (seen.Contains(file) || !File.Exists(file)) continue;
            seen.Add(file);
            foreach (Match m in Import().Matches(File.ReadAllText(file)))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, m.Groups[1].Value)));
        }

        return seen;
    }

    [GeneratedRegex("""<script type="module" src="(/js/[^"]+)">""")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""import\s+(?:[^'";]*?\s+from\s+)?'(\.{1,2}/[^']+\.js)'""")]
    private static partial Regex Import();

    [GeneratedRegex("""^\s*'([A-Za-z0-9_.]+)'\s*:\s*\[""", RegexOptions.Multiline)]
    private static partial Regex EntryKey();

    /// <summary>
    /// A key written out: t('key'), a form field's label field('key', …) or a card form's title: / submit: 'key'
    /// (keys built from values are the label test's business).
    /// </summary>
    [GeneratedRegex("""(?:(?<![\w.])(?:t|field)\('|\b(?:title|submit):\s*')([A-Za-z0-9_.]+)'""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(""""data-i18n(?:-placeholder)?="([^"]+)"""")]
    private static partial Regex I18nAttribute();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CrisisHub.sln not found.");
    }
}
