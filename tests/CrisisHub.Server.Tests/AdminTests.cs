using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class AdminTests(ServerFixture server)
{
    [Fact]
    public async Task TheCanarysSyntheticDistrictIsReservedNoAdministratorMayDefineANodeInItOrTakeItsIds()
    {
        var admin = await server.SignInAsync("admin");

        var taken = await admin.Http.PutAsJsonAsync("api/admin/nodes/crisishub-canary-x", new { level = "Class", name = "x", parentId = TestSeed.Grade });
        var under = await admin.Http.PutAsJsonAsync("api/admin/nodes/ts1-g1-c9", new { level = "Class", name = "x", parentId = "crisishub-canary-school" });

        taken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await taken.Content.ReadAsStringAsync()).ShouldContain("reserved for the canary");
        under.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await under.Content.ReadAsStringAsync()).ShouldContain("parentId");
        var account = await admin.Http.PutAsJsonAsync("api/admin/accounts/crisishub-canary-node1",
            new { displayName = "x", role = "HeadTeacher", nodeIds = new[] { TestSeed.Class }, password = "a-password-long-enough" });
        account.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await account.Content.ReadAsStringAsync()).ShouldContain("userName");
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task AnInvalidPhoneNumberIsRefusedNamingTheFieldAndNothingChanges()
    {
        var admin = await server.SignInAsync("admin");
        var before = await admin.GetAsync<JsonElement>($"api/admin/nodes/{TestSeed.Class}");

        var response = await admin.Http.PutAsJsonAsync($"api/admin/nodes/{TestSeed.Class}/responders",
            new[] { new { responderId = "new-teacher", name = "New", role = "HeadTeacher", phone = "12345", onDuty = true } }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("errors").TryGetProperty("responders[0].phone", out _).ShouldBeTrue();
        var after = await admin.GetAsync<JsonElement>($"api/admin/nodes/{TestSeed.Class}");
        after.GetProperty("responders").GetRawText().ShouldBe(before.GetProperty("responders").GetRawText());
    }

    [Fact]
    public async Task PhoneNumbersAreStoredInE164WhateverFormTheyArriveIn()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync($"api/admin/nodes/{TestSeed.OtherGrade}/responders",
            new[] { new { responderId = "director-2", name = "Director", role = "GradeDirector", phone = "138 0013 8000", onDuty = true } }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responders")[0].GetProperty("phone").GetString().ShouldBe("+8613800138000");
    }

    [Fact]
    public async Task AnInvalidGuardianPhoneIsRefusedNamingTheField()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync("api/admin/students/ts1-g1-c1-s20", new
        {
            name = "学生20", studentNumber = "x", age = 16, classId = TestSeed.Class,
            guardians = new[] { new { name = "家长", relationship = "mother", phone = "+86 123" } },
        }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("errors").TryGetProperty("guardians[0].phone", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task APolicyThatWouldAlertNobodyIsRefusedWithTheReason()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync($"api/admin/schools/{TestSeed.OtherSchool}/policies/Severe", new
        {
            steps = new[] { new { levels = new[] { "Dormitory" }, channels = new[] { "Sms" }, acknowledgeWithin = "00:15:00" } },
            repeats = 1,
            actionWithin = "02:00:00",
        }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("errors").GetProperty("steps[0].levels")[0].GetString()
            .ShouldBe("the school has no Dormitory level");
    }

    [Fact]
    public async Task AStepDeadlineBelowTheFloorIsRefusedWithProblemDetailsNamingTheFloor()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync($"api/admin/schools/{TestSeed.OtherSchool}/policies/General", new
        {
            steps = new[] { new { levels = new[] { "Class" }, channels = new[] { "WebPush" }, acknowledgeWithin = "00:00:00.001" } },
            repeats = 0,
            actionWithin = "02:00:00",
        }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("errors").GetProperty("steps[0].acknowledgeWithin")[0].GetString()
            .ShouldBe("must be at least 00:01:00");
    }

    [Fact]
    public async Task APolicyForAGradeThatDoesNotExistIsRefusedListingTheGradesWithoutADotNetType()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync($"api/admin/schools/{TestSeed.OtherSchool}/policies/Huge", new
        {
            steps = new[] { new { levels = new[] { "Class" }, channels = new[] { "WebPush" }, acknowledgeWithin = "00:30:00" } },
            repeats = 0,
            actionWithin = "02:00:00",
        }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ProblemAsync(response);
        problem.GetProperty("errors").GetProperty("grade")[0].GetString().ShouldBe("must be one of: Watch, General, Severe, Major");
        problem.GetRawText().ShouldNotContain("CrisisGrade");
    }

    [Fact]
    public async Task AShorterPolicyTakesEffectForTheNextAlert()
    {
        var admin = await server.SignInAsync("admin");
        var saved = await admin.Http.PutAsJsonAsync($"api/admin/schools/{TestSeed.OtherSchool}/policies/General", new
        {
            steps = new[] { new { levels = new[] { "Class", "Grade" }, channels = new[] { "WebPush" }, acknowledgeWithin = "00:30:00" } },
            repeats = 0,
            actionWithin = "12:00:00",
        }, ApiClient.Json);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var teacher = await server.SignInAsync($"{TestSeed.OtherSchoolClass}-teacher");

        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.OtherSchoolClass, 2), "policy-1", ObservedSign.Distress);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString();
        var view = await teacher.GetAsync<CaseView>($"api/cases/{caseId}");

        view.Escalation.CurrentLevels.ShouldBe([Contracts.Network.NetworkLevel.Class, Contracts.Network.NetworkLevel.Grade]);
        (view.Escalation.StepDeadline - view.OpenedAt).ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task AStudentInAClassThatDoesNotExistIsRefused()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync("api/admin/students/ts1-new-student",
            new { name = "新同学", studentNumber = "N1", age = 15, classId = "no-such-class", guardians = Array.Empty<object>() }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.Http.GetAsync("api/admin/students/ts1-new-student")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
