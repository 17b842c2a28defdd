using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Referrals;
using Microsoft.AspNetCore.SignalR.Client;
using NJsonSchema;

namespace CrisisHub.Server.Tests;

/// <summary>The green channel over HTTP: who may take which step, what each desk sees, and the FHIR export.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReferralApiTests(ServerFixture server)
{
    private const string Teacher = "ts1-g2-c1-teacher";

    private static object Order(string hospitalId) => new
    {
        hospitalId,
        reason = "Stated intent with a plan",
        safetyPlan = new
        {
            warningSigns = "withdrawal", internalCoping = "music", peopleAndPlacesForDistraction = "library",
            peopleToAskForHelp = "head teacher", professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "belt removed",
        },
        meansAccess = "none at school",
        protectiveFactors = "close to her sister",
        schoolContactName = "Ms Li",
        schoolContactPhone = "+12025550177",
    };

    private async Task<(string CaseId, string ReferralId)> ReferAsync(int student, string hospitalId = TestSeed.Hospital)
    {
        var teacher = await server.SignInAsync(Teacher);
        var flag = await teacher.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, student), $"referral-{student}", ObservedSign.SaidTheyIntendToAct);
        flag.EnsureSuccessStatusCode();
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" }))
            .EnsureSuccessStatusCode();
        var created = await teacher.PostAsync($"api/cases/{caseId}/referrals", Order(hospitalId));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var referral = (await created.Content.ReadFromJsonAsync<ReferralView>(ApiClient.Json))!;
        created.Headers.Location!.ToString().ShouldBe($"/api/referrals/{referral.ReferralId}");
        return (caseId, referral.ReferralId);
    }

    private static async Task<HttpStatusCode> MoveAsync(ApiClient client, string referralId, string status, string? reason = null) =>
        (await client.PostAsync($"api/referrals/{referralId}/status", new { status, reason })).StatusCode;

    [Fact]
    public async Task EveryStepIsCheckedAgainstTheSideOfTheCaller()
    {
        var desk = await server.SignInAsync(TestSeed.HospitalDesk);
        var pushed = new TaskCompletionSource<ReferralNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var live = await desk.ConnectHubAsync();
        live.Connection.On<ReferralNotification>("referral", n => pushed.TrySetResult(n));

        var (caseId, id) = await ReferAsync(15);
        (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Referral.ReferralId.ShouldBe(id, "the desk hears of a new referral live");

        var teacher = await server.SignInAsync(Teacher);
        var otherDesk = await server.SignInAsync(TestSeed.OtherHospitalDesk);
        var monitor = await server.SignInAsync("ts1-g2-c1-monitor");
        var otherSchool = await server.SignInAsync("ts2-g1-c1-teacher");

        // Only the two sides see it; another hospital's desk sees nothing of it, not even in its queue.
        (await desk.Http.GetAsync($"api/referrals/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await teacher.Http.GetAsync($"api/referrals/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another desk or school gets the 404 of an unknown referral; a monitor's role has no referrals at all (403).
        foreach (var (outsider, refused) in new[] { (otherDesk, HttpStatusCode.NotFound), (monitor, HttpStatusCode.Forbidden), (otherSchool, HttpStatusCode.NotFound) })
        {
            (await outsider.Http.GetAsync($"api/referrals/{id}")).StatusCode.ShouldBe(refused);
            (await outsider.Http.GetAsync($"api/referrals/{id}/fhir")).StatusCode.ShouldBe(refused);
            (await MoveAsync(outsider, id, "Accepted")).ShouldBe(refused);
        }

        (await desk.Http.GetAsync($"api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a desk sees the handoff packet, never the case");
        (await desk.GetAsync<DeskQueueDto>("api/hospital/queue")).Referrals.ShouldContain(r => r.ReferralId == id);
        (await otherDesk.GetAsync<DeskQueueDto>("api/hospital/queue")).Referrals.ShouldNotContain(r => r.ReferralId == id);
        (await teacher.Http.GetAsync("api/hospital/queue")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The wrong side gets 409 with problem details; bad input gets 400.
        var wrongSide = await teacher.PostAsync($"api/referrals/{id}/status", new { status = "Accepted" });
        wrongSide.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        wrongSide.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await MoveAsync(desk, id, "Cancelled", "no")).ShouldBe(HttpStatusCode.Conflict);
        (await MoveAsync(teacher, id, "Cancelled")).ShouldBe(HttpStatusCode.BadRequest);
        (await desk.PostAsync($"api/referrals/{id}/caring-contact", new { note = "called" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        foreach (var step in new[] { "Received", "Accepted", "StudentInTransit", "Arrived", "Evaluated" })
            (await MoveAsync(desk, id, step)).ShouldBe(HttpStatusCode.OK, step);
        (await desk.PostAsync($"api/referrals/{id}/status", new { status = "Admitted" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "admission needs consent");
        (await desk.PostAsync($"api/referrals/{id}/status", new { status = "Admitted", admissionConsented = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await desk.PostAsync($"api/referrals/{id}/notes", new { note = "settling in" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MoveAsync(teacher, id, "Discharged")).ShouldBe(HttpStatusCode.Conflict);
        (await MoveAsync(desk, id, "Discharged")).ShouldBe(HttpStatusCode.OK);
        (await MoveAsync(desk, id, "ReturnClearance")).ShouldBe(HttpStatusCode.OK);
        var reEntry = new { returnDate = DateTimeOffset.UtcNow, safetyPlan = "plan", triggers = "exams", academicAdjustments = "less homework", whatClassmatesAreTold = "she was unwell" };
        (await desk.PostAsync($"api/referrals/{id}/re-entry", reEntry)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await teacher.PostAsync($"api/referrals/{id}/re-entry", reEntry)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var view = await teacher.GetAsync<CaseView>($"api/cases/{caseId}");
        view.Status.ShouldBe(CaseStatus.ReturnedToSchool);
        var trail = await teacher.GetAsync<JsonElement>($"api/cases/{caseId}/audit");
        trail.GetProperty("verification").GetProperty("intact").GetBoolean().ShouldBeTrue();
        var actions = trail.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("action").GetString()).ToList();
        actions.ShouldContain("ReferralRead", "a desk's read of the packet is a read of the case");
        actions.ShouldContain("ReferralNote");
    }

    [Fact]
    public async Task AStatusThatDoesNotExistIsRefusedListingEveryReferralStatus()
    {
        var (_, id) = await ReferAsync(18);
        var desk = await server.SignInAsync(TestSeed.HospitalDesk);

        var response = await desk.PostAsync($"api/referrals/{id}/status", new { status = "Acceptd", note = "bed ready" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("status")[0].GetString()
            .ShouldBe($"must be one of: {string.Join(", ", Enum.GetNames<ReferralStatus>())}");
        problem.GetRawText().ShouldNotContain("ReferralStatus");
    }

    [Fact]
    public async Task TheFhirExportIsAnR4BundleThatPassesTheOfficialSchema()
    {
        var (_, id) = await ReferAsync(16);
        var desk = await server.SignInAsync(TestSeed.HospitalDesk);
        (await MoveAsync(desk, id, "Accepted")).ShouldBe(HttpStatusCode.OK);
        var teacher = await server.SignInAsync(Teacher);
        var referral = await teacher.GetAsync<ReferralView>($"api/referrals/{id}");

        var response = await teacher.Http.GetAsync($"api/referrals/{id}/fhir");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        var json = await response.Content.ReadAsStringAsync();

        var schema = await OfficialFhirSchemaAsync();
        schema.Id.ShouldBe("http://hl7.org/fhir/json-schema/4.0");
        schema.Validate(json).ShouldBeEmpty();

        using var bundle = JsonDocument.Parse(json);
        var resources = bundle.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        resources.Select(r => r.GetProperty("resourceType").GetString()).ShouldBe(["ServiceRequest", "Task", "Patient"]);
        var task = resources[1];
        task.GetProperty("status").GetString().ShouldBe("accepted");
        DateTimeOffset.Parse(task.GetProperty("restriction").GetProperty("period").GetProperty("end").GetString()!)
            .ShouldBe(referral.CurrentDeadline!.Value, TimeSpan.FromMilliseconds(1), "the Task's deadline is the referral's current one (arrive within 2 h)");

        // The validator is not vacuous: a Task status outside FHIR's value set fails it.
        schema.Validate(json.Replace("\"status\":\"accepted\"", "\"status\":\"sort-of-accepted\"")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ACompletedReferralsTaskHasNoOpenDeadlineAndTheNextCheckInIsItsOwnTask()
    {
        var (_, id) = await ReferAsync(17);
        var desk = await server.SignInAsync(TestSeed.HospitalDesk);
        var teacher = await server.SignInAsync(Teacher);
        foreach (var step in new[] { "Received", "Accepted", "StudentInTransit", "Arrived", "Evaluated", "Outpatient", "ReturnClearance" })
            (await MoveAsync(desk, id, step)).ShouldBe(HttpStatusCode.OK, step);
        var reEntry = new { returnDate = server.Clock.GetUtcNow(), safetyPlan = "plan", triggers = "exams", academicAdjustments = "less homework", whatClassmatesAreTold = "she was unwell" };
        (await teacher.PostAsync($"api/referrals/{id}/re-entry", reEntry)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var referral = await teacher.GetAsync<ReferralView>($"api/referrals/{id}");
        referral.Status.ShouldBe(ReferralStatus.Completed);
        referral.CurrentDeadline.ShouldNotBeNull("the first check-in is still ahead");

        var json = await (await teacher.Http.GetAsync($"api/referrals/{id}/fhir")).Content.ReadAsStringAsync();

        (await OfficialFhirSchemaAsync()).Validate(json).ShouldBeEmpty();
        using var bundle = JsonDocument.Parse(json);
        var entries = bundle.RootElement.GetProperty("entry").EnumerateArray().ToList();
        var tasks = entries.Where(e => e.GetProperty("resource").GetProperty("resourceType").GetString() == "Task").ToList();
        tasks.Count.ShouldBe(2);
        var task = tasks[0].GetProperty("resource");
        task.GetProperty("status").GetString().ShouldBe("completed");
        task.TryGetProperty("restriction", out _).ShouldBeFalse("a completed Task carries no open deadline");
        var checkIn = tasks[1].GetProperty("resource");
        checkIn.GetProperty("status").GetString().ShouldBe("requested");
        checkIn.GetProperty("partOf")[0].GetProperty("reference").GetString().ShouldBe(tasks[0].GetProperty("fullUrl").GetString());
        DateTimeOffset.Parse(checkIn.GetProperty("restriction").GetProperty("period").GetProperty("end").GetString()!)
            .ShouldBe(referral.Return.CheckIns[0].DueAt, TimeSpan.FromMilliseconds(1), "the follow-up deadline is the check-in's own");
    }

    /// <summary>
    /// The official schema, with each draft-06 "const" written as the equivalent one-value "enum": NJsonSchema
    /// ignores "const", and without it every resource type's "resourceType" check would be skipped (a Patient
    /// would then also match Person and Practitioner, and oneOf fails). Nothing else is changed.
    /// </summary>
    private static async Task<JsonSchema> OfficialFhirSchemaAsync()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fhir.schema.json")))!;
        var pending = new Stack<System.Text.Json.Nodes.JsonNode>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is System.Text.Json.Nodes.JsonObject obj)
            {
                if (obj["const"] is { } value)
                {
                    obj.Remove("const");
                    obj["enum"] = new System.Text.Json.Nodes.JsonArray(value.DeepClone());
                }

                foreach (var (_, child) in obj) if (child is not null) pending.Push(child);
            }
            else if (node is System.Text.Json.Nodes.JsonArray array)
            {
                foreach (var child in array) if (child is not null) pending.Push(child);
            }
        }

        return await JsonSchema.FromJsonAsync(root.ToJsonString());
    }

    private sealed record DeskQueueDto(HospitalDefinition[] Hospitals, ReferralSummary[] Referrals);
}
