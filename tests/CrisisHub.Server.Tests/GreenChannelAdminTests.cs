using System.Text.Json;

namespace CrisisHub.Server.Tests;

/// <summary>Designated hospitals, their desk accounts and the district's deadline settings through the admin API.</summary>
[Collection(ServerCollection.Name)]
public sealed class GreenChannelAdminTests(ServerFixture server)
{
    private static object Hospital(string[] grades, string phone = "0532-8888-6666") => new
    {
        districtId = TestSeed.District, name = "Admin Test Hospital", phone, acceptedGrades = grades, hours = "24/7",
        deskAccounts = new[] { new { userName = "th9-desk", displayName = "Desk nine", password = "desk-password-9" } },
    };

    [Fact]
    public async Task AnAdministratorDefinesAHospitalWhoseDeskCanSignInAndSeeItsQueue()
    {
        var admin = await server.SignInAsync("admin");

        var saved = await admin.Http.PutAsJsonAsync("api/admin/hospitals/th9", Hospital(["Severe", "Major"]), ApiClient.Json);

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString().ShouldBe("+8653288886666");
        (await admin.GetAsync<JsonElement>($"api/admin/districts/{TestSeed.District}/hospitals")).EnumerateArray()
            .Select(h => h.GetProperty("hospitalId").GetString()).ShouldContain("th9");
        var desk = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        var token = await desk.PostAsJsonAsync("api/auth/token", new { userName = "th9-desk", password = "desk-password-9" });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        desk.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var queue = await desk.GetFromJsonAsync<JsonElement>("api/hospital/queue");
        queue.GetProperty("hospitals")[0].GetProperty("hospitalId").GetString().ShouldBe("th9");
    }

    [Fact]
    public async Task BadHospitalsAndOutsidersAreRefusedAndNothingIsStored()
    {
        var admin = await server.SignInAsync("admin");
        var general = await admin.Http.PutAsJsonAsync("api/admin/hospitals/th8", Hospital(["General"]), ApiClient.Json);
        general.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await general.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("acceptedGrades", out _).ShouldBeTrue();
        (await admin.Http.PutAsJsonAsync("api/admin/hospitals/th8", Hospital(["Major"], phone: "12"), ApiClient.Json)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync<JsonElement>($"api/admin/districts/{TestSeed.District}/hospitals")).EnumerateArray()
            .Select(h => h.GetProperty("hospitalId").GetString()).ShouldNotContain("th8");

        var outsider = await server.SignInAsync("other-admin");
        (await outsider.Http.PutAsJsonAsync("api/admin/hospitals/th8", Hospital(["Major"]), ApiClient.Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        (await teacher.Http.GetAsync($"api/admin/districts/{TestSeed.District}/green-channel")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DeadlineSettingsAreCheckedBeforeTheyAreStored()
    {
        var admin = await server.SignInAsync("admin");
        var path = $"api/admin/districts/{TestSeed.District}/green-channel";
        var before = await admin.GetAsync<JsonElement>(path);
        object Settings(string majorFrom) => new
        {
            major = new[] { new { reach = "Accepted", from = majorFrom, within = "00:30:00" }, new { reach = "Arrived", from = "Accepted", within = "02:00:00" } },
            severe = new[] { new { reach = "Accepted", from = "Requested", within = "02:00:00" }, new { reach = "Evaluated", from = "Accepted", within = "1.00:00:00" } },
            caringContactWithin = "1.00:00:00", checkInInterval = "7.00:00:00", checkInCount = 4,
        };

        var backwards = await admin.Http.PutAsJsonAsync(path, Settings(majorFrom: "Arrived"), ApiClient.Json);
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("major", out _).ShouldBeTrue();
        (await admin.GetAsync<JsonElement>(path)).GetRawText().ShouldBe(before.GetRawText());

        (await admin.Http.PutAsJsonAsync(path, Settings(majorFrom: "Requested"), ApiClient.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync<JsonElement>(path)).GetProperty("major")[0].GetProperty("within").GetString().ShouldBe("00:30:00");
    }
}
