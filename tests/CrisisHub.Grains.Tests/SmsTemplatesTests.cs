using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Sms;

namespace CrisisHub.Grains.Tests;

public sealed class SmsTemplatesTests
{
    private static readonly SmsTemplates Templates = new(new SmsOptions { PublicBaseUrl = "https://hub.example.edu.cn" });

    private static SmsRequest Request(string phone, string language = "zh-CN", string? account = "teacher-1", ResponderRole role = ResponderRole.HeadTeacher) =>
        new("c-abcd2345.1.r1", "c-abcd2345", new SmsRecipient("r1", "李老师", role, phone, account, language), CrisisGrade.Severe, "北山寄宿中学", DateTimeOffset.UtcNow);

    [Fact]
    public void AMainlandNumberGetsNoLinkAndTheChineseAlertFitsOneSegment()
    {
        var body = Templates.AlertBody(Request("+8613800138000"), "4821");

        body.ShouldNotContain("http");
        body.ShouldContain("c-abcd2345");
        body.ShouldContain("回复 1 4821");
        body.Length.ShouldBeLessThanOrEqualTo(70, "one UCS-2 segment");
    }

    [Fact]
    public void ANumberOutsideTheMainlandWithAnAccountGetsALinkToTheCase()
    {
        var body = Templates.AlertBody(Request("+12025550100", "en"), "4821");

        body.ShouldStartWith("CrisisHub: Severe alert c-abcd2345");
        body.ShouldEndWith("https://hub.example.edu.cn/case.html?id=c-abcd2345");
    }

    [Fact]
    public void GuardiansGetTheFamilyTextWithoutALinkOrAnyNameOrSign()
    {
        var body = Templates.AlertBody(Request("+12025550100", account: null, role: ResponderRole.Guardian), "4821");

        body.ShouldContain("请尽快与班主任联系");
        body.ShouldNotContain("http");
        body.ShouldNotContain("李老师");
    }

    [Fact]
    public void ConfiguredTemplatesReplaceTheDefaults()
    {
        var custom = new SmsTemplates(new SmsOptions { Templates = { ["zh-CN.Alert"] = "{school}:{grade}:{case}:{code}" } });

        custom.AlertBody(Request("+8613800138000"), "4821").ShouldBe("北山寄宿中学:严重:c-abcd2345:4821");
    }
}
