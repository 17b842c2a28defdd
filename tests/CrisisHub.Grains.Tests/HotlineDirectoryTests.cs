using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisHub.Contracts;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Hotlines;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Hotlines;
using CrisisHub.Grains.Sms;

namespace CrisisHub.Grains.Tests;

/// <summary>A district's hotline directory: the defaults until set, what it accepts, the names it is stored under, and guardians' texts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HotlineDirectoryTests(ClusterFixture fixture)
{
    private static readonly HotlineAudience[] Both = [HotlineAudience.Students, HotlineAudience.Parents];

    private static HotlineEntry Line(string number, params HotlineAudience[] audience) =>
        new("区心理热线", "District line", number, "08:00–22:00", audience.Length == 0 ? Both : audience);

    private IHotlineDirectoryGrain Directory() => fixture.Grains.GetGrain<IHotlineDirectoryGrain>($"hd-{Guid.NewGuid():N}");

    [Fact]
    public async Task ADistrictThatNeverSetItsLinesHasTheNationalDefaults()
    {
        var directory = await Directory().GetAsync();

        directory.IsDefault.ShouldBeTrue();
        directory.Entries.Select(e => e.Number).ShouldBe(["12356", "12355", "12320"]);
        directory.For(HotlineAudience.Students).Select(e => e.Number).ShouldBe(["12356", "12355"], "the health line is for parents");
        directory.For(HotlineAudience.Parents).Select(e => e.Number).ShouldBe(["12356", "12355", "12320"]);
    }

    [Fact]
    public async Task SetLinesAreKeptTrimmedAndNoLongerTheDefaults()
    {
        var grain = Directory();

        var saved = await grain.SetAsync([new(" 区心理热线 ", "", " 0532-85669120 ", " 24小时 ", [HotlineAudience.Parents, HotlineAudience.Students, HotlineAudience.Parents])]);

        var read = await grain.GetAsync();
        read.IsDefault.ShouldBeFalse();
        read.Entries.ShouldHaveSingleItem().ShouldBeEquivalentTo(saved.Entries.Single());
        read.Entries[0].Number.ShouldBe("0532-85669120");
        read.Entries[0].Audience.ShouldBe(Both);
        read.Entries[0].NameIn(Languages.English).ShouldBe("区心理热线", "no English name: the Chinese one serves both");
    }

    [Fact]
    public async Task ABadDirectoryIsRefusedNamingEveryFieldAndChangesNothing()
    {
        var grain = Directory();

        var refused = await Should.ThrowAsync<DomainRuleException>(() => grain.SetAsync(
        [
            new("", "", "12", new string('h', 41), []),
            Line("12356"),
            Line("12356"),
            Line("+86 12356"),
        ]));

        refused.Kind.ShouldBe(RuleKind.Invalid);
        refused.Errors.Keys.ShouldBe(["entries[0].name", "entries[0].number", "entries[0].hours", "entries[0].audience", "entries[2].number", "entries[3].number"],
            ignoreOrder: true);
        refused.Errors["entries[0].audience"].Single().ShouldContain("Students, Parents");
        (await grain.GetAsync()).IsDefault.ShouldBeTrue();
        (await Should.ThrowAsync<DomainRuleException>(() => grain.SetAsync([]))).Errors.Keys.ShouldBe(["entries"]);
        (await Should.ThrowAsync<DomainRuleException>(() => grain.SetAsync([.. Enumerable.Range(0, HotlineRules.MaxEntries + 1).Select(i => Line($"1000{i:00}"))])))
            .Errors.Keys.ShouldBe(["entries"]);
    }

    /// <summary>As the SQLite provider writes grain state (System.Text.Json, general defaults): names and enum values are a contract.</summary>
    private const string Stored =
        """{"Entries":[{"Name":"区心理热线","NameEn":"District line","Number":"0532-85669120","Hours":"24h","Audience":[0,1]}]}""";

    [Fact]
    public void TheDirectoryIsStoredUnderTheNamesItWasAlwaysStoredUnder()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        var state = new HotlineDirectoryState { Entries = [new("区心理热线", "District line", "0532-85669120", "24h", Both)] };

        JsonSerializer.Serialize(state, json).ShouldBe(Stored);
        var strict = new JsonSerializerOptions(json) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        JsonSerializer.Deserialize<HotlineDirectoryState>(Stored, strict)!.Entries.ShouldHaveSingleItem().ShouldBeEquivalentTo(state.Entries[0]);
        Enum.GetNames<HotlineAudience>().ShouldBe(["Students", "Parents"], "the API's names");
    }

    private static SmsRequest GuardianText(HotlineEntry[]? hotlines, string language = "zh-CN", string school = "北山寄宿中学") =>
        new("c-abcd2345.1.g1", "c-abcd2345", new SmsRecipient("g1", "王妈妈", ResponderRole.Guardian, "+8613800138000", null, language), CrisisGrade.Major,
            school, DateTimeOffset.UnixEpoch, Hotlines: hotlines);

    [Fact]
    public void AGuardiansTextEndsWithTheParentNumbersAndNoLinkWithinTwoSegments()
    {
        var templates = new SmsTemplates(new SmsOptions { PublicBaseUrl = "https://hub.example.edu.cn" });

        var body = templates.AlertBody(GuardianText(HotlineRules.Defaults), "4821");

        body.ShouldEndWith("求助热线：心理援助热线12356、青少年服务台12355、卫生热线12320");
        body.ShouldNotContain("http");
        body.ShouldNotContain("王妈妈");
        body.Length.ShouldBeLessThanOrEqualTo(134, "two UCS-2 segments");
        templates.AlertBody(GuardianText(HotlineRules.Defaults, "en", school: "No. 1 School"), "4821")
            .ShouldEndWith("Helplines: Psychological assistance line 12356, Youth line 12355, Health line 12320");
        templates.AlertBody(GuardianText(null), "4821").ShouldEndWith("收到请回复 1 4821。", customMessage: "a text addressed before the directory existed");
    }

    [Fact]
    public void LinesThatDoNotFitTwoSegmentsKeepOnlyTheirNumberOrAreLeftOut()
    {
        var templates = new SmsTemplates(new SmsOptions());
        HotlineEntry[] many = [.. Enumerable.Range(0, HotlineRules.MaxEntries).Select(i => new HotlineEntry(new string('长', 30), "", $"0532-8566{i:0000}", "", Both))];

        var body = templates.AlertBody(GuardianText(many), "4821");

        body.Length.ShouldBeLessThanOrEqualTo(TextHotlines.TwoSegmentLimit(body));
        body.ShouldContain("0532-85660000");
        body.ShouldNotContain(new string('长', 30) + "0532-85660001", customMessage: "after a name that did not fit, numbers only");
        body.ShouldNotContain($"0532-8566{HotlineRules.MaxEntries - 1:0000}");
    }

    [Fact]
    public void OnlyGuardiansTextsCarryHotlines()
    {
        var templates = new SmsTemplates(new SmsOptions());
        var teacher = GuardianText(HotlineRules.Defaults) with { Recipient = new SmsRecipient("t1", "李老师", ResponderRole.HeadTeacher, "+8613800138001", "t1", "zh-CN") };

        templates.AlertBody(teacher, "4821").ShouldNotContain("12356");
    }
}
