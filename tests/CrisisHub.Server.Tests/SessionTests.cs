using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Server.Identity;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 12 point 2: disabling an account, changing its role, nodes or password, or signing out ends every session of
/// the account at once — its bearer tokens and cookies get 401 at their next request, its live hub connections close.
/// Each test works on an account of its own, so ending its sessions touches no other test.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SessionTests(ServerFixture server)
{
    private const string Password = "session-test-passphrase";

    private async Task CreateAccountAsync(string userName, string role = "HeadTeacher", string nodeId = TestSeed.Class)
    {
        var admin = await server.SignInAsync("admin");
        (await admin.Http.PutAsJsonAsync($"api/admin/accounts/{userName}",
            new { displayName = "Session test", role, nodeIds = new[] { nodeId }, password = Password, preferredLanguage = "zh-CN", disabled = false }, ApiClient.Json))
            .EnsureSuccessStatusCode();
    }

    private async Task ChangeAccountAsync(string userName, string role = "HeadTeacher", string nodeId = TestSeed.Class, string? password = null, bool disabled = false)
    {
        var admin = await server.SignInAsync("admin");
        (await admin.Http.PutAsJsonAsync($"api/admin/accounts/{userName}",
            new { displayName = "Session test", role, nodeIds = new[] { nodeId }, password, preferredLanguage = "zh-CN", disabled }, ApiClient.Json))
            .EnsureSuccessStatusCode();
    }

    private async Task<ApiClient> TokenAsync(string userName, string password = Password)
    {
        var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        var response = await http.PostAsJsonAsync("api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new ApiClient(http, server.Factory.BaseAddress, token);
    }

    private async Task<HttpClient> CookieAsync(string userName, string password = Password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Factory.BaseAddress };
        // As a browser on CrisisHub's own page: cookie sign-in and cookie changes must carry its Origin.
        http.DefaultRequestHeaders.Add("Origin", server.Factory.BaseAddress.GetLeftPart(UriPartial.Authority));
        (await http.PostAsJsonAsync("api/auth/login", new { userName, password })).EnsureSuccessStatusCode();
        return http;
    }

    /// <summary>An open hub connection, with what it heard of its session ending and when it closed.</summary>
    private sealed record LiveConnection(HubListener Listener, Task SessionEnded, Task Closed);

    private static async Task<LiveConnection> ConnectAsync(ApiClient client)
    {
        var listener = await client.ConnectHubAsync();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Connection.On(SessionHub.EndedEvent, () => ended.TrySetResult());
        listener.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return new LiveConnection(listener, ended.Task, closed.Task);
    }

    /// <summary>The old sessions all end: the token and the cookie get 401 now, the hub connection hears 'sessionEnded' and the next sweep closes it.</summary>
    private async Task ShouldAllHaveEndedAsync(ApiClient token, HttpClient cookie, LiveConnection live)
    {
        (await token.Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old bearer token");
        (await cookie.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old cookie");
        (await cookie.GetAsync("api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old cookie, again (it is not re-issued)");
        await live.SessionEnded.WaitAsync(TimeSpan.FromSeconds(10));
        live.Listener.Connection.State.ShouldNotBe(HubConnectionState.Disconnected, "this client ignores the message: the server must close it");
        server.Clock.Advance(SessionSweep.Period);
        await live.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("role")]
    [InlineData("nodes")]
    [InlineData("password")]
    public async Task AnAccountChangeEndsItsTokenItsCookieAndItsHubConnectionAtOnce(string change)
    {
        var userName = $"sess-{change}";
        await CreateAccountAsync(userName);
        var token = await TokenAsync(userName);
        var cookie = await CookieAsync(userName);
        var connection = await ConnectAsync(token);
        (await token.Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cookie.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var newPassword = "a-brand-new-passphrase";
        await (change switch
        {
            "disable" => ChangeAccountAsync(userName, disabled: true),
            "role" => ChangeAccountAsync(userName, role: "GradeDirector"),
            "nodes" => ChangeAccountAsync(userName, nodeId: TestSeed.OtherClassSameSchool),
            _ => ChangeAccountAsync(userName, password: newPassword),
        });

        await ShouldAllHaveEndedAsync(token, cookie, connection);
        if (change != "disable")
        {
            // Signing in again gives a session with what the account now is.
            var again = await TokenAsync(userName, change == "password" ? newPassword : Password);
            (await again.Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task SigningOutEndsEverySessionOfTheAccount()
    {
        const string userName = "sess-signout";
        await CreateAccountAsync(userName);
        var token = await TokenAsync(userName);
        var cookie = await CookieAsync(userName);
        var otherCookie = await CookieAsync(userName);
        var connection = await ConnectAsync(await TokenAsync(userName));

        (await otherCookie.PostAsync("api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await otherCookie.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the cookie that signed out");
        await ShouldAllHaveEndedAsync(token, cookie, connection);
    }

    [Fact]
    public async Task ADisabledAccountsCookieIsNotReissuedByTheLanguageSwitch()
    {
        const string userName = "sess-language";
        await CreateAccountAsync(userName);
        var cookie = await CookieAsync(userName);
        await ChangeAccountAsync(userName, disabled: true);

        var response = await cookie.PutAsJsonAsync("api/auth/me/language", new { language = "en" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue("the stale cookie is deleted");
        cookies!.ShouldAllBe(c => c.Contains("expires=Thu, 01 Jan 1970"));
    }

    [Fact]
    public async Task ARevokedSessionCannotActThroughItsOpenHubConnectionBeforeTheSweep()
    {
        const string userName = "sess-hub-ack";
        await CreateAccountAsync(userName, nodeId: TestSeed.OtherClassSameSchool);
        var teacher = await TokenAsync(userName);
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, 18), "sess-hub-ack", ObservedSign.Distress);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        await using var live = await teacher.ConnectHubAsync();

        await ChangeAccountAsync(userName, nodeId: TestSeed.OtherClassSameSchool, disabled: true);

        await Should.ThrowAsync<Exception>(() => live.Connection.InvokeAsync<AcknowledgeResult>("Acknowledge", caseId));
        var colleague = await server.SignInAsync($"{TestSeed.OtherClassSameSchool}-teacher");
        (await colleague.GetAsync<CaseView>($"api/cases/{caseId}")).Status.ShouldBe(CaseStatus.Open, "the revoked session acknowledged nothing");
    }

    [Fact]
    public async Task ATokenFromBeforeTheLatestSignOutIsRefusedButANewSignInWorks()
    {
        const string userName = "sess-again";
        await CreateAccountAsync(userName);
        var first = await TokenAsync(userName);
        (await first.PostAsync("api/auth/logout")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var second = await TokenAsync(userName);

        (await first.Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await second.Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
