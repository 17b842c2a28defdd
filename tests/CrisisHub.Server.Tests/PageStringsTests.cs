using System.Text.Json;
using System.Text.RegularExpressions;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Referrals;
using CrisisHub.Server.Pages;

namespace CrisisHub.Server.Tests;

/// <summary>
/// The pages turn server values into words with t(`prefix.${value}`); a value without an entry would show its
/// raw key (e.g. "audit.TextUndeliverable"). These tests read the page strings the browser loads and require a
/// zh-CN and an English label for every value the server can send under every prefix the pages use. The strings
/// live in one module per feature under js/strings/; every one of them is read.
/// </summary>
public sealed partial class PageStringsTests
{
    private static readonly string Root = Path.Combine(RepositoryRoot(), "src", "CrisisHub.Server", "wwwroot");
    private static readonly string Scripts = Path.Combine(Root, "js");
    private static readonly string[] StringFiles = [.. Directory.EnumerateFiles(Path.Combine(Scripts, "strings"), "*.js").Order()];

    /// <summary>Every prefix the pages build keys under, and every value the server (or the page itself) puts after it.</summary>
    private static readonly Dictionary<string, string[]> Labelled = new()
    {
        // The kinds are enums in Contracts: their names are what the API sends.
        ["audit."] = [.. Enum.GetNames<AuditAction>(), .. Enum.GetNames<ReferralStatus>().Concat(Enum.GetNames<ReferralEventKind>()).Select(k => "Referral" + k)],
        ["adminaudit."] = Enum.GetNames<AdminAuditAction>(),
        // The admin page's integration clients: their kinds, permissions and why a call was refused.
        ["integrations.kind."] = Enum.GetNames<CrisisHub.Contracts.Integrations.IntegrationClientKind>(),
        ["integrations.permission."] = Enum.GetNames<CrisisHub.Contracts.Integrations.IntegrationPermission>(),
        ["integrations.refusal."] = [.. Enum.GetNames<CrisisHub.Contracts.Integrations.IntegrationKeyOutcome>().Except(["Accepted"])],
        ["hotline.audience."] = Enum.GetNames<CrisisHub.Contracts.Hotlines.HotlineAudience>(),
        ["audit.Referral"] = [.. Enum.GetNames<ReferralStatus>(), .. Enum.GetNames<ReferralEventKind>()],
        ["status."] = Enum.GetNames<CaseStatus>(),
        ["state."] = Enum.GetNames<AlertState>(),
        ["grade."] = Enum.GetNames<CrisisGrade>(),
        // The flag page groups its signs by the grades that raise an alert.
        ["group."] = [.. Enum.GetNames<CrisisGrade>().Except([nameof(CrisisGrade.Watch)])],
        ["sign."] = Enum.GetNames<ObservedSign>(),
        ["source."] = Enum.GetNames<FlagSource>(),
        ["outcome."] = Enum.GetNames<CrisisHub.Contracts.Screening.ScreeningOutcome>(),
        ["screening.status."] = Enum.GetNames<CrisisHub.Contracts.Screening.ScreeningImportStatus>(),
        ["action."] = Enum.GetNames<CaseActionKind>(),
        ["level."] = Enum.GetNames<NetworkLevel>(),
        ["role."] = Enum.GetNames<ResponderRole>(),
        ["sms."] = Enum.GetNames<SmsStatus>(),
        // "Pending" is the flag page's own state for a flag still waiting to be sent.
        ["receipt."] = [.. Enum.GetNames<ReceiptStatus>(), "Pending", "Refused"],
        ["referral."] = Enum.GetNames<ReferralStatus>(),
        ["ref."] = Enum.GetNames<ConsentDecision>(),
        ["ref.sp."] = [.. typeof(SafetyPlan).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))],
        ["desk.move."] = [.. Enum.GetValues<ReferralStatus>().SelectMany(s => ReferralFlow.NextFor(s, ReferralSide.Hospital)).Distinct().Select(s => s.ToString())],
        // A deadline is named after the main-path step it asks for (any after Requested), or the caring contact, or a check-in.
        // The home page's links, as GET /api/home names them.
        ["home."] = [.. HomeDestinations.Keys],
        ["reads."] = Enum.GetNames<PersonalDataReadKind>(),
        ["privacy."] = Enum.GetNames<CrisisHub.Contracts.Privacy.BreakGlassOutcome>(),
        ["correction."] = Enum.GetNames<CrisisHub.Contracts.Privacy.CorrectionOutcome>(),
        ["signals.kind."] = Enum.GetNames<CrisisHub.Contracts.Integrations.Signals.SignalKind>(),
        ["signals.status."] = Enum.GetNames<CrisisHub.Contracts.Integrations.Signals.SignalStatus>(),
        ["signals.why."] = [CrisisHub.Server.Integrations.SignalMatch.NoNumber, CrisisHub.Server.Integrations.SignalMatch.UnknownNumber,
            CrisisHub.Server.Integrations.SignalMatch.AmbiguousNumber],
        ["signals.hint."] = [.. typeof(CrisisHub.Contracts.Integrations.Signals.SignalHints).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))],
        // The attention ledger's reasons and a review's movement; a screening's outcome in the archive.
        ["ledger.reason."] = Enum.GetNames<CrisisHub.Grains.Ledger.LedgerReason>(),
        ["ledger.move."] = Enum.GetNames<CrisisHub.Contracts.Ledger.LedgerMovement>(),
        ["archive.outcome."] = Enum.GetNames<CrisisHub.Contracts.Screening.ScreeningOutcome>(),
        // How a missing student was found.
        ["condition."] = Enum.GetNames<CrisisHub.Contracts.Missing.FoundCondition>(),
        ["deadline."] = [.. Enum.GetValues<ReferralStatus>().Where(s => s.Rank() > 0).Select(s => s.ToString()), ReferralDeadlines.CaringContact, "CheckIn"],
    };

    public static TheoryData<string> Prefixes => [.. Labelled.Keys];

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void EveryValueUnderAPrefixHasAChineseAndAnEnglishLabel(string prefix)
    {
        var strings = PageStrings();

        var missing = Labelled[prefix].Select(v => prefix + v)
            .Where(key => !strings.TryGetValue(key, out var label) || string.IsNullOrWhiteSpace(label.Zh) || string.IsNullOrWhiteSpace(label.En))
            .ToList();

        missing.ShouldBeEmpty($"these keys need [zh, en] labels in one of {string.Join(", ", StringFiles.Select(Path.GetFileName))}");
    }

    [Fact]
    public void EveryKeyThePagesBuildFromAValueIsCoveredAbove()
    {
        var built = Directory.EnumerateFiles(Scripts, "*.js")
            .SelectMany(file => BuiltKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Prefix: m.Groups[1].Value)))
            .ToList();

        built.ShouldNotBeEmpty();
        built.Where(b => !Labelled.ContainsKey(b.Prefix)).ShouldBeEmpty("a page builds keys under a prefix this test does not check");
    }

    /// <summary>Entries written as 'key': ['中文', 'English'] (either quote style), as both string files write them.</summary>
    private static Dictionary<string, (string Zh, string En)> PageStrings()
    {
        var strings = new Dictionary<string, (string Zh, string En)>();
        foreach (var file in StringFiles)
        {
            foreach (Match m in Entry().Matches(File.ReadAllText(file)))
                strings[m.Groups["key"].Value] = (m.Groups["zh"].Value, m.Groups["en"].Value);
        }

        return strings;
    }

    [GeneratedRegex("""'(?<key>[A-Za-z0-9_.]+)'\s*:\s*\[\s*(?<q1>['"])(?<zh>.*?)\k<q1>\s*,\s*(?<q2>['"])(?<en>.*?)\k<q2>\s*\]""")]
    private static partial Regex Entry();

    /// <summary>t(`prefix.${...}`): a key built from a value (a bare t( call, not put( or post().</summary>
    [GeneratedRegex(@"(?<![\w.])t\(`([^`$]*)\$\{")]
    private static partial Regex BuiltKey();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CrisisHub.sln not found.");
    }
}
