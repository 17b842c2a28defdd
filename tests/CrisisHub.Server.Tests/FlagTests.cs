using System.Text;
using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class FlagTests(ServerFixture server)
{
    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task TheSameIdempotencyKeyTwiceStoresOneFlagAndReturnsTheFirstReceipt()
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var student = TestSeed.Student(TestSeed.Class, 5);

        var first = await teacher.FlagAsync(student, "same-key", ObservedSign.Bullying);
        var again = await teacher.FlagAsync(student, "same-key", ObservedSign.Bullying);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var receipt = await BodyAsync(first);
        (await BodyAsync(again)).GetProperty("flagId").GetString().ShouldBe(receipt.GetProperty("flagId").GetString());
        var view = await teacher.GetAsync<CaseView>($"api/cases/{receipt.GetProperty("caseId").GetString()}");
        view.Flags.Length.ShouldBe(1);
    }

    [Fact]
    public async Task ASecondFlagForTheStudentAttachesToTheOpenCase()
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");
        var student = TestSeed.Student(TestSeed.Class, 6);

        var first = await BodyAsync(await teacher.FlagAsync(student, "attach-1", ObservedSign.Distress));
        (await monitor.FlagAsync(student, "attach-2", ObservedSign.ThinkingAboutHow)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var view = await teacher.GetAsync<CaseView>($"api/cases/{first.GetProperty("caseId").GetString()}");
        view.Flags.Length.ShouldBe(2);
        view.Grade.ShouldBe(CrisisGrade.Severe);
    }

    [Fact]
    public async Task AKeyReusedForADifferentFlagIsRefusedAndStoresNothing()
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var first = await BodyAsync(await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 7), "reused", ObservedSign.Distress));

        var reused = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 7), "reused", ObservedSign.SelfHarm);

        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        reused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var view = await teacher.GetAsync<CaseView>($"api/cases/{first.GetProperty("caseId").GetString()}");
        view.Flags.Length.ShouldBe(1);
        view.Grade.ShouldBe(CrisisGrade.General);
    }

    [Fact]
    public async Task TheMonitorSeesOnlyTheReceiptStatusOfTheirOwnFlag()
    {
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var receipt = await BodyAsync(await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 8), "receipt-1", ObservedSign.Distress));
        receipt.GetProperty("caseId").ValueKind.ShouldBe(JsonValueKind.Null);
        receipt.GetProperty("status").GetString().ShouldBe("Received");

        var admin = await server.SignInAsync("admin");
        var caseId = (await admin.GetAsync<StudentView>($"api/admin/students/{TestSeed.Student(TestSeed.Class, 8)}")).OpenCaseId;
        (await teacher.PostAsync($"api/cases/{caseId}/ack")).EnsureSuccessStatusCode();

        var later = await monitor.GetAsync<JsonElement>("api/flags/receipt-1");
        later.GetProperty("status").GetString().ShouldBe("BeingHandled");
        (await monitor.Http.GetAsync($"api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await teacher.Http.GetAsync("api/flags/receipt-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "receipts belong to their reporter");
    }

    [Fact]
    public async Task AWrongSignIsRefusedNamingTheFieldAndEveryAllowedSignWithoutADotNetType()
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/flags")
        {
            Content = new StringContent("""{"studentId": "ts1-g1-c1-s09", "signs": ["SelfHarm", "FeelsSad"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "wrong-sign");

        var response = await teacher.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await BodyAsync(response);
        problem.GetProperty("errors").GetProperty("signs[1]")[0].GetString()
            .ShouldBe($"must be one of: {string.Join(", ", Enum.GetNames<ObservedSign>())}");
        problem.GetProperty("detail").GetString()!.ShouldContain("signs[1] must be one of: SaidTheyIntendToAct, ");
        problem.GetRawText().ShouldNotContain("CrisisHub.");
        problem.GetRawText().ShouldNotContain("FeelsSad", Case.Sensitive, "what was sent is not echoed");
    }

    public static TheoryData<string, string?, string, HttpStatusCode> BadFlags => new()
    {
        { "malformed JSON", "bad-1", """{"studentId": "ts1-g1-c1-s09", "signs": [""", HttpStatusCode.BadRequest },
        { "unknown student", "bad-2", """{"studentId": "nobody-here", "signs": ["SelfHarm"]}""", HttpStatusCode.NotFound },
        { "student of another school: the same 404 as an unknown one", "bad-3", """{"studentId": "ts2-g1-c1-s09", "signs": ["SelfHarm"]}""", HttpStatusCode.NotFound },
        { "oversize note", "bad-4", $$"""{"studentId": "ts1-g1-c1-s09", "signs": ["SelfHarm"], "note": "{{new string('x', 4097)}}"}""", HttpStatusCode.BadRequest },
        { "unknown sign", "bad-5", """{"studentId": "ts1-g1-c1-s09", "signs": ["FeelsSad"]}""", HttpStatusCode.BadRequest },
        { "no signs", "bad-6", """{"studentId": "ts1-g1-c1-s09", "signs": []}""", HttpStatusCode.BadRequest },
        { "missing Idempotency-Key", null, """{"studentId": "ts1-g1-c1-s09", "signs": ["SelfHarm"]}""", HttpStatusCode.BadRequest },
        { "integration-only source", "bad-7", """{"studentId": "ts1-g1-c1-s09", "signs": ["SelfHarm"], "source": "Screening"}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public async Task BadInputIsRefusedWithProblemDetailsAndStoresNothing(string what, string? key, string body, HttpStatusCode expected)
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/flags") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);

        var response = await teacher.Http.SendAsync(request);

        response.StatusCode.ShouldBe(expected, what);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
        var problem = await BodyAsync(response);
        problem.GetProperty("status").GetInt32().ShouldBe((int)expected);
        (problem.TryGetProperty("detail", out _) || problem.TryGetProperty("errors", out _)).ShouldBeTrue(what);
        var admin = await server.SignInAsync("admin");
        foreach (var student in new[] { "ts1-g1-c1-s09", "ts2-g1-c1-s09" })
            (await admin.GetAsync<StudentView>($"api/admin/students/{student}")).OpenCaseId.ShouldBeNull(what);
    }
}
