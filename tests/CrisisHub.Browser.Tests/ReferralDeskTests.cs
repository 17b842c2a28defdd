using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

/// <summary>The green channel in two browsers: the head teacher refers from the case page, the hospital desk works it live.</summary>
public abstract class ReferralDeskTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheDeskReceivesAReferralLiveAcceptsItAndRecordsArrival_TheCasePageShowsEachStep()
    {
        var desk = await browser.SignInAsync(TestSeed.HospitalDesk, BrowserFixture.LargeScreen, "/hospital.html");
        var api = await ApiClient.SignInAsync(browser.Factory, "ts2-g1-c1-teacher");
        var flagged = await api.FlagAsync(TestSeed.Student(TestSeed.OtherSchoolClass, 12), "browser-referral", ObservedSign.SaidTheyIntendToAct);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var teacher = await browser.SignInAsync("ts2-g1-c1-teacher", BrowserFixture.Phone, $"/case.html?id={caseId}");

        // The head teacher records the guardian's consent and asks for the referral on the case page.
        var consent = teacher.Locator("#consent-form");
        await consent.Locator("[name=guardianName]").FillAsync("家长");
        await consent.Locator("[name=relationship]").FillAsync("母亲");
        await consent.GetByRole(AriaRole.Button, new() { Name = "记录监护人意见" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#consents")).ToContainTextAsync("同意转介");
        var request = teacher.Locator("#referral-form");
        await Assertions.Expect(request).ToBeVisibleAsync();
        await Assertions.Expect(request.Locator("[name=hospitalId] option")).ToHaveCountAsync(1, new() { Timeout = 5000 });
        await request.Locator("[name=reason]").FillAsync("说有计划并打算实施");
        foreach (var part in new[] { "warningSigns", "internalCoping", "peopleAndPlacesForDistraction", "peopleToAskForHelp", "professionalsAndHotlines", "makingTheEnvironmentSafe" })
            await request.Locator($"[name=sp-{part}]").FillAsync("已与学生商定");
        await request.Locator("[name=meansAccess]").FillAsync("宿舍无危险物品");
        await request.Locator("[name=protectiveFactors]").FillAsync("与姐姐关系亲密");
        await request.Locator("[name=schoolContactName]").FillAsync("李老师");
        await request.Locator("[name=schoolContactPhone]").FillAsync("+12025550177");
        await request.GetByRole(AriaRole.Button, new() { Name = "发送转介" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#referral-status")).ToHaveTextAsync("已发出");

        // The desk's queue shows it without a reload, with its countdown.
        var card = desk.Locator("#queue li").Filter(new() { HasText = "重大" }).First;
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Assertions.Expect(card).ToContainTextAsync("医院接收 · 剩余");
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(desk.Locator("#detail")).ToContainTextAsync("与姐姐关系亲密");
        await BrowserFixture.ScreenshotAsync(desk, "hospital-desk-1920");

        await desk.GetByRole(AriaRole.Button, new() { Name = "接收", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator("#referral-status")).ToHaveTextAsync("医院已接收");
        await Assertions.Expect(teacher.Locator("#referral-status")).ToHaveTextAsync("医院已接收");
        await desk.Locator("#step-note").FillAsync("救护车已出发");
        await desk.GetByRole(AriaRole.Button, new() { Name = "记录到院" }).ClickAsync();
        await Assertions.Expect(desk.Locator("#referral-status")).ToHaveTextAsync("学生已到院");

        // The head teacher's page follows live: the referral's steps and the case timeline.
        await Assertions.Expect(teacher.Locator("#referral-status")).ToHaveTextAsync("学生已到院");
        await Assertions.Expect(teacher.Locator("#case-status")).ToHaveTextAsync("治疗中");
        var steps = teacher.Locator("#referral-events");
        await Assertions.Expect(steps).ToContainTextAsync("转介：医院已接收");
        await Assertions.Expect(steps).ToContainTextAsync("救护车已出发");
        var timeline = teacher.Locator("#timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("发起绿色通道转介");
        await Assertions.Expect(timeline).ToContainTextAsync("转介：学生已到院");
        await BrowserFixture.ScreenshotAsync(teacher, "case-referral-phone");
    }
}

[Collection(YearBeforeToday.Collection)]
public sealed class ReferralDeskTestsWithServerAYearBehind(YearBeforeToday browser) : ReferralDeskTests(browser);

[Collection(YearAfterToday.Collection)]
public sealed class ReferralDeskTestsWithServerAYearAhead(YearAfterToday browser) : ReferralDeskTests(browser);
