namespace CrisisHub.Browser.Tests;

/// <summary>
/// Issue 19, point 1: the admin page's integration clients in Chromium. The district administrator registers a client (a
/// form without a school shows the server's problem next to the schools), sees its key and signing secret once, then revokes it.
/// </summary>
[Collection(YearAfterToday.Collection)]
public sealed class IntegrationsPageTests(YearAfterToday browser)
{
    [Fact]
    public async Task TheDistrictAdministratorRegistersAClientSeesItsKeyOnceAndRevokesIt()
    {
        var page = await browser.SignInAsync("admin", BrowserFixture.LargeScreen, "/admin.html");
        var section = page.Locator("#integrations");
        var form = section.Locator("form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        var name = $"测评平台 {Guid.NewGuid():N}"[..12];
        await form.GetByLabel("名称").FillAsync(name);
        await form.Locator("select[name=kind]").SelectOptionAsync("ScreeningPlatform");
        await form.GetByLabel("测评结果").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "登记并生成密钥" }).ClickAsync();
        await Assertions.Expect(form.Locator("fieldset[data-field=schoolIds][aria-invalid=true]")).ToBeVisibleAsync();

        await form.GetByLabel($"School {TestSeed.School} ({TestSeed.School})").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "登记并生成密钥" }).ClickAsync();

        var shown = section.Locator("[role=alert]");
        await Assertions.Expect(shown).ToContainTextAsync("只显示这一次");
        await Assertions.Expect(shown.Locator("code").First).ToContainTextAsync("chk_ic");
        await Assertions.Expect(shown.Locator("code").Nth(1)).ToContainTextAsync("chs_");
        await Assertions.Expect(shown.GetByRole(AriaRole.Button, new() { Name = "复制" })).ToHaveCountAsync(2);
        var row = section.Locator("tr").Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("测评结果");
        await Assertions.Expect(row).ToContainTextAsync("从未使用");
        await BrowserFixture.ScreenshotAsync(page, "admin-integrations-1920");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();
        await Assertions.Expect(section.Locator("tr").Filter(new() { HasText = name })).ToContainTextAsync("吊销");
        await Assertions.Expect(section.Locator("[role=alert]")).ToHaveCountAsync(0);
        await Assertions.Expect(section.Locator("tr").Filter(new() { HasText = name }).GetByRole(AriaRole.Button, new() { Name = "更换密钥" }))
            .ToHaveCountAsync(0);
    }
}
