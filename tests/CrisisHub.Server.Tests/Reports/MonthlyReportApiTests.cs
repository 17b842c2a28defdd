using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Tests.Reports;

/// <summary>
/// A month seeded through the API on a server of its own, its clock moved by hand: the school's report shows what
/// happened, the district's suppresses it, and the exports and refusals behave.
/// </summary>
public sealed class MonthlyReportApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Teacher = "ts1-g1-c1-teacher";
    private static readonly string Month = "2026-11";

    private async Task SeedAsync()
    {
        var teacher = await server.SignInAsync(Teacher);
        async Task FlagAndAcknowledgeAfterAsync(int student, ObservedSign sign, TimeSpan after)
        {
            var flag = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, student), $"report-{student}", sign);
            flag.EnsureSuccessStatusCode();
            var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
            server.Clock.Advance(after);
            (await teacher.PostAsync($"api/cases/{caseId}/ack")).EnsureSuccessStatusCode();
        }

        // 23 November 2026, 16:00 China time: a General alert acknowledged after 30 minutes, a Severe one after 10.
        await FlagAndAcknowledgeAfterAsync(11, ObservedSign.Distress, TimeSpan.FromMinutes(30));
        await FlagAndAcknowledgeAfterAsync(12, ObservedSign.SelfHarm, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task ASeededMonthShowsItsTrueFiguresToTheSchoolAndSuppressedToTheDistrict()
    {
        await SeedAsync();
        var leader = await server.SignInAsync("ts1-leader");

        var report = await leader.GetAsync<JsonElement>($"api/reports/schools/{TestSeed.School}/monthly?month={Month}");

        report.GetProperty("flags").GetProperty("total").GetInt32().ShouldBe(2);
        report.GetProperty("flags").GetProperty("bySource").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "Teacher")
            .GetProperty("count").GetInt32().ShouldBe(2);
        var all = report.GetProperty("alerts").GetProperty("all");
        all.GetProperty("raised").GetInt32().ShouldBe(2);
        all.GetProperty("acknowledged").GetInt32().ShouldBe(2);
        all.GetProperty("medianMinutesToAcknowledge").GetDouble().ShouldBe(20);
        all.GetProperty("p90MinutesToAcknowledge").GetDouble().ShouldBe(30);
        all.GetProperty("acknowledgedInTime").GetProperty("share").GetDouble().ShouldBe(1);
        var coverage = report.GetProperty("coverage");
        coverage.GetProperty("enrolled").GetInt32().ShouldBe(40);
        coverage.GetProperty("byGrade").GetArrayLength().ShouldBe(2);
        report.GetRawText().ShouldNotContain(TestSeed.StudentName);
        report.GetRawText().ShouldNotContain(TestSeed.Student(TestSeed.Class, 11));
        // The month before holds none of it.
        (await leader.GetAsync<JsonElement>($"api/reports/schools/{TestSeed.School}/monthly?month=2026-10"))
            .GetProperty("flags").GetProperty("total").GetInt32().ShouldBe(0);

        var officer = await server.SignInAsync("officer");
        var district = await officer.GetAsync<JsonElement>($"api/reports/districts/{TestSeed.District}/monthly?month={Month}");
        var ts1 = district.GetProperty("schools").EnumerateArray().Single(s => s.GetProperty("schoolId").GetString() == TestSeed.School);
        ts1.GetProperty("flags").GetProperty("suppressed").GetBoolean().ShouldBeTrue("2 flags");
        ts1.GetProperty("reportLink").GetString().ShouldBe($"/district.html?district={TestSeed.District}&month={Month}#school-{TestSeed.School}");
        // The school's own report, with its 2 flags as 2, stays with the school: the district reads the suppressed row.
        (await officer.Http.GetAsync($"api/reports/schools/{TestSeed.School}/monthly?month={Month}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await server.SignInAsync("admin")).Http.GetAsync($"api/reports/schools/{TestSeed.School}/monthly?month={Month}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var overview = await officer.GetAsync<JsonElement>($"api/reports/districts/{TestSeed.District}/overview");
        overview.GetProperty("schools").GetArrayLength().ShouldBe(2);
        overview.GetProperty("month").GetString().ShouldBe(Month);
    }

    [Fact]
    public async Task ExportsCarryTheFiguresUnderAFileNameWithoutNamesAndABadMonthSaysTheFormat()
    {
        var leader = await server.SignInAsync("ts1-leader");

        var csv = await leader.Http.GetAsync($"api/reports/schools/{TestSeed.School}/monthly?month={Month}&format=csv");
        csv.EnsureSuccessStatusCode();
        csv.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"crisishub-report-{TestSeed.School}-{Month}.csv");
        (await csv.Content.ReadAsStringAsync()).ShouldContain("coverage.all,enrolled,40");
        var xlsx = await leader.Http.GetAsync($"api/reports/schools/{TestSeed.School}/monthly?month={Month}&format=xlsx");
        xlsx.EnsureSuccessStatusCode();
        (await xlsx.Content.ReadAsByteArrayAsync()).Take(2).ShouldBe("PK"u8.ToArray());

        var bad = await leader.Http.GetAsync($"api/reports/schools/{TestSeed.School}/monthly?month=11-2026");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("yyyy-MM");
        var badFormat = await leader.Http.GetAsync($"api/reports/schools/{TestSeed.School}/monthly?month={Month}&format=pdf");
        (await badFormat.Content.ReadAsStringAsync()).ShouldContain("json, csv, xlsx");
        (await leader.Http.GetAsync($"api/reports/schools/{TestSeed.OtherSchool}/monthly?month={Month}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
