using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Push;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Push;

/// <summary>A server allowed to push to the fake push service on 127.0.0.1 (and nowhere else), shared by one test class.</summary>
public abstract class WebPushServer : IAsyncLifetime
{
    public FakePushService PushService { get; private set; } = null!;
    public CrisisHubFactory Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PushService = await FakePushService.StartAsync();
        Server = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), CrisisHubFactory.NewClock(), settings: FakePushService.ServerSettings());
        var anyone = await ApiClient.SignInAsync(Server, "ts1-g1-c1-teacher");
        // Every push must be signed with the key this server hands its pages.
        PushService.ExpectedVapidKey = (await anyone.GetAsync<JsonElement>("api/push/key")).GetProperty("publicKey").GetString();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await PushService.DisposeAsync();
    }

    public async Task<FakePushService.Device> SubscribeAsync(ApiClient person)
    {
        var device = PushService.NewDevice();
        var answer = await person.PostAsync("api/push/devices", new { endpoint = device.Endpoint, keys = new { p256dh = device.P256dh, auth = device.Auth }, label = "Android · Chrome" });
        answer.StatusCode.ShouldBe(HttpStatusCode.Created);
        return device;
    }

    /// <summary>The class monitor flags the student (a monitor's receipt names no case).</summary>
    public async Task FlagAsync(string classId, int student, string key, params ObservedSign[] signs)
    {
        var monitor = await ApiClient.SignInAsync(Server, $"{classId}-monitor");
        (await monitor.FlagAsync(TestSeed.Student(classId, student), key, signs)).EnsureSuccessStatusCode();
    }

    public Task<IReadOnlyList<FakePushService.Push>> PushesAsync(FakePushService.Device device, int count) =>
        Eventually.Async(() => Task.FromResult(PushService.To(device)), p => p.Count >= count);

    public Task<PushDevice[]> DevicesAsync(string userName) => Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IPushDevicesGrain>(userName).ListAsync();
}

public sealed class WebPushFixture : WebPushServer;

/// <summary>The channel's health counts in a row: its test has a server to itself, where no other test's push can interleave.</summary>
public sealed class WebPushHealthFixture : WebPushServer;

public sealed class WebPushTests(WebPushFixture fixture) : IClassFixture<WebPushFixture>
{
    private CrisisHubFactory Server => fixture.Server;
    private FakePushService PushService => fixture.PushService;

    private Task<FakePushService.Device> SubscribeAsync(ApiClient person) => fixture.SubscribeAsync(person);

    private Task FlagAsync(string classId, int student, string key, params ObservedSign[] signs) => fixture.FlagAsync(classId, student, key, signs);

    private static Task<IReadOnlyList<FakePushService.Push>> PushesAsync(FakePushService service, FakePushService.Device device, int count) =>
        Eventually.Async(() => Task.FromResult(service.To(device)), p => p.Count >= count);

    private Task<PushDevice[]> DevicesAsync(string userName) => fixture.DevicesAsync(userName);

    [Fact]
    public async Task EachStepPushesItsPeopleTheCaseCodeGradeAndLinkEncryptedToTheirDeviceAndNothingAboutTheStudent()
    {
        var teacher = await ApiClient.SignInAsync(Server, "ts1-g1-c1-teacher");
        var director = await ApiClient.SignInAsync(Server, "ts1-g1-director");
        var teachersPhone = await SubscribeAsync(teacher);
        var directorsPhone = await SubscribeAsync(director);

        var flagged = await teacher.FlagAsync(TestSeed.Student("ts1-g1-c1", 4), "push-step-1", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;

        var raised = (await PushesAsync(PushService, teachersPhone, 1)).Single();
        var payload = raised.Payload;
        payload.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["acknowledge", "at", "caseId", "eventId", "grade", "lang", "url", "v"]);
        payload.GetProperty("caseId").GetString().ShouldBe(caseId);
        var view = await teacher.GetAsync<CaseView>($"api/cases/{caseId}");
        payload.GetProperty("grade").GetString().ShouldBe(view.Grade.ToString());
        payload.GetProperty("url").GetString().ShouldBe($"/case.html?id={caseId}");
        payload.GetProperty("acknowledge").GetBoolean().ShouldBeTrue();
        payload.GetProperty("lang").GetString().ShouldBe("zh-CN");
        raised.Json.ShouldNotContain(view.StudentName);
        raised.Json.ShouldNotContain(view.StudentId);
        raised.Json.ShouldNotContain("SelfHarm");
        // RFC 8030's headers: kept an hour for a phone that is off, urgent for a Severe alert, one topic per case.
        raised.Ttl.ShouldBe("3600");
        raised.Urgency.ShouldBe(view.Grade >= CrisisGrade.Severe ? "high" : "normal");
        raised.Topic!.Length.ShouldBe(32);
        raised.Topic.ShouldNotContain(caseId);
        PushService.To(directorsPhone).ShouldBeEmpty("the grade level is the next step");

        Server.GrainClock.Advance(TimeSpan.FromMinutes(15));
        var escalated = (await PushesAsync(PushService, directorsPhone, 1)).Single();
        escalated.Payload.GetProperty("caseId").GetString().ShouldBe(caseId);
        escalated.Topic.ShouldBe(raised.Topic);
        // Acknowledged: the next step never fires, and nobody is pushed again.
        (await teacher.PostAsync($"api/cases/{caseId}/ack")).EnsureSuccessStatusCode();
        Server.GrainClock.Advance(TimeSpan.FromMinutes(15));
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Status.ShouldBe(CaseStatus.Acknowledged);
        PushService.To(teachersPhone).Count.ShouldBe(1, "a step pushes the people of the nodes it fires at, not everyone told before");
        PushService.Refused.ShouldBeEmpty();
    }

    [Fact]
    public async Task APushGoesInThePersonsLanguage()
    {
        var teacher = await ApiClient.SignInAsync(Server, "ts1-g2-c1-teacher");
        (await teacher.Http.PutAsJsonAsync("api/auth/me/language", new { language = "en" })).EnsureSuccessStatusCode();
        try
        {
            var phone = await SubscribeAsync(teacher);
            await FlagAsync("ts1-g2-c1", 4, "push-language", ObservedSign.SelfHarm);
            (await PushesAsync(PushService, phone, 1)).Single().Payload.GetProperty("lang").GetString().ShouldBe("en");
        }
        finally
        {
            (await teacher.Http.PutAsJsonAsync("api/auth/me/language", new { language = "zh-CN" })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task SigningOutOrBeingDisabledRevokesEveryDeviceAndNothingMoreIsPushedToThem()
    {
        var teacher = await ApiClient.SignInAsync(Server, "ts2-g2-c1-teacher");
        var teachersPhone = await SubscribeAsync(teacher);
        (await teacher.GetAsync<JsonElement[]>("api/push/devices")).Single().GetProperty("service").GetString().ShouldBe("127.0.0.1");
        (await teacher.PostAsync("api/auth/logout")).EnsureSuccessStatusCode();
        (await DevicesAsync("ts2-g2-c1-teacher")).ShouldBeEmpty();

        var director = await ApiClient.SignInAsync(Server, "ts2-g2-director");
        var directorsPhone = await SubscribeAsync(director);
        var admin = await ApiClient.SignInAsync(Server, "admin");
        var account = (await Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserAccountGrain>("ts2-g2-director").GetAsync())!;
        (await admin.Http.PutAsJsonAsync("api/admin/accounts/ts2-g2-director", new
        {
            displayName = account.DisplayName, role = account.Role.ToString(), nodeIds = account.NodeIds, disabled = true,
        })).EnsureSuccessStatusCode();
        (await DevicesAsync("ts2-g2-director")).ShouldBeEmpty();

        // A Major flag notifies the class, the grade and the school at once: only the school's phone still hears of it.
        var leader = await ApiClient.SignInAsync(Server, "ts2-leader");
        var leadersPhone = await SubscribeAsync(leader);
        await FlagAsync("ts2-g2-c1", 4, "push-revoked", ObservedSign.AttemptOrPreparation);
        (await PushesAsync(PushService, leadersPhone, 1)).Single().Urgency.ShouldBe("high");
        PushService.To(teachersPhone).ShouldBeEmpty();
        PushService.To(directorsPhone).ShouldBeEmpty();
    }

    [Fact]
    public async Task OnlyPeopleWhoGetAlertsSubscribeOnlyToAPushServiceAndEachSeesOnlyTheirOwnDevices()
    {
        var monitor = await ApiClient.SignInAsync(Server, "ts1-g1-c1-monitor");
        var device = PushService.NewDevice();
        object Body(string endpoint, string p256dh, string auth) => new { endpoint, keys = new { p256dh, auth }, label = "phone" };
        (await monitor.PostAsync("api/push/devices", Body(device.Endpoint, device.P256dh, device.Auth))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var teacher = await ApiClient.SignInAsync(Server, "ts1-leader");
        var elsewhere = await teacher.PostAsync("api/push/devices", Body("https://push.attacker.example/x", device.P256dh, device.Auth));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await elsewhere.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("endpoint")[0].GetString()!.ShouldContain("127.0.0.1");
        var badKey = await teacher.PostAsync("api/push/devices", Body(device.Endpoint, "not-a-key", device.Auth));
        badKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("keys.p256dh", out _).ShouldBeTrue();
        (await teacher.PostAsync("api/push/devices", Body(device.Endpoint, device.P256dh, "c2hvcnQ"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var mine = await SubscribeAsync(teacher);
        var colleague = await ApiClient.SignInAsync(Server, "ts1-duty");
        var theirs = await SubscribeAsync(colleague);
        (await teacher.GetAsync<JsonElement[]>("api/push/devices")).Select(d => d.GetProperty("endpoint").GetString()).ShouldBe([mine.Endpoint]);
        // Removing names an endpoint, but acts on the caller's own devices only.
        (await teacher.PostAsync("api/push/devices/remove", new { endpoint = theirs.Endpoint })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DevicesAsync("ts1-duty")).Select(d => d.Endpoint).ShouldBe([theirs.Endpoint]);
        (await teacher.PostAsync("api/push/devices/remove", new { endpoint = mine.Endpoint })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DevicesAsync("ts1-leader")).ShouldBeEmpty();
        (await colleague.PostAsync("api/push/devices/remove", new { endpoint = theirs.Endpoint })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AKeyThatIsNotAPointOnTheCurveIsRefused()
    {
        var teacher = await ApiClient.SignInAsync(Server, "ts2-g2-c1-teacher");
        var device = PushService.NewDevice();
        // 65 bytes starting with 4, as a key must, but no point of P-256: every push to it would fail as it is encrypted.
        var offCurve = System.Buffers.Text.Base64Url.EncodeToString([4, .. Enumerable.Repeat((byte)1, 64)]);
        var answer = await teacher.PostAsync("api/push/devices", new { endpoint = device.Endpoint, keys = new { p256dh = offCurve, auth = device.Auth } });
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("keys.p256dh", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task APhoneSomeoneElseTurnsAlertsOnForStopsGettingTheFirstPersonsAlerts()
    {
        var teacher = await ApiClient.SignInAsync(Server, "ts2-g1-c1-teacher");
        var phone = await SubscribeAsync(teacher);
        var duty = await ApiClient.SignInAsync(Server, "ts2-duty");
        (await duty.PostAsync("api/push/devices", new { endpoint = phone.Endpoint, keys = new { p256dh = phone.P256dh, auth = phone.Auth } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await DevicesAsync("ts2-g1-c1-teacher")).ShouldNotContain(d => d.Endpoint == phone.Endpoint);
        (await DevicesAsync("ts2-duty")).ShouldContain(d => d.Endpoint == phone.Endpoint);
        (await duty.PostAsync("api/push/devices/remove", new { endpoint = phone.Endpoint })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ADeviceFromAnEarlierSessionOrAnotherServerKeyIsDroppedUnpushed()
    {
        const string Teacher = "ts2-g1-c1-teacher";
        var teacher = await ApiClient.SignInAsync(Server, Teacher);
        var current = await SubscribeAsync(teacher);
        var made = (await DevicesAsync(Teacher)).Single(d => d.Endpoint == current.Endpoint);
        // As a subscription that raced a sign-out would be stored, and one made while the server had another VAPID pair.
        var earlierSession = PushService.NewDevice();
        var otherKey = PushService.NewDevice();
        var devices = Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IPushDevicesGrain>(Teacher);
        await devices.AddAsync(made with { Endpoint = earlierSession.Endpoint, P256dh = earlierSession.P256dh, Auth = earlierSession.Auth, SessionStamp = "0123" });
        await devices.AddAsync(made with { Endpoint = otherKey.Endpoint, P256dh = otherKey.P256dh, Auth = otherKey.Auth, VapidKey = "another-servers-key" });

        await FlagAsync("ts2-g1-c1", 6, "push-stale-devices", ObservedSign.SelfHarm);

        await PushesAsync(PushService, current, 1);
        await Eventually.Async(() => DevicesAsync(Teacher), d => d.Length == 1);
        PushService.To(earlierSession).ShouldBeEmpty();
        PushService.To(otherKey).ShouldBeEmpty();
        (await teacher.PostAsync("api/push/devices/remove", new { endpoint = current.Endpoint })).EnsureSuccessStatusCode();
    }
}

public sealed class WebPushHealthTests(WebPushHealthFixture fixture) : IClassFixture<WebPushHealthFixture>
{
    [Fact]
    public async Task ADeviceItsServiceSaysIsGoneIsDroppedAndFailuresShowInTheChannelHealth()
    {
        var teacher = await ApiClient.SignInAsync(fixture.Server, "ts2-g1-c1-teacher");
        var gone = await fixture.SubscribeAsync(teacher);
        fixture.PushService.Script(gone, 410);
        var notFound = await fixture.SubscribeAsync(teacher);
        fixture.PushService.Script(notFound, 404);
        var failing = new[] { await fixture.SubscribeAsync(teacher), await fixture.SubscribeAsync(teacher), await fixture.SubscribeAsync(teacher) };
        foreach (var device in failing) fixture.PushService.Script(device, 500);
        var duty = await ApiClient.SignInAsync(fixture.Server, "ts2-duty");
        await using var wallboard = await duty.ConnectHubAsync(watch: TestSeed.OtherSchool);
        var degradedLive = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        wallboard.Connection.On<JsonElement>("pushHealth", h => { if (h.GetProperty("degraded").GetBoolean()) degradedLive.TrySetResult(h); });
        var healthBefore = await teacher.GetAsync<JsonElement>("api/push/health");
        healthBefore.GetProperty("mode").GetString().ShouldBe("webpush");

        await fixture.FlagAsync("ts2-g1-c1", 4, "push-failures-1", ObservedSign.SelfHarm);

        await Eventually.Async(() => fixture.DevicesAsync("ts2-g1-c1-teacher"), d => d.All(x => x.Endpoint != gone.Endpoint && x.Endpoint != notFound.Endpoint));
        var degraded = await Eventually.Async(() => teacher.GetAsync<JsonElement>("api/push/health"), h => h.GetProperty("degraded").GetBoolean());
        degraded.GetProperty("failures").GetInt64().ShouldBeGreaterThanOrEqualTo(healthBefore.GetProperty("failures").GetInt64() + 3);
        (await fixture.DevicesAsync("ts2-g1-c1-teacher")).Length.ShouldBe(3, "a refused push keeps its device: only 404/410 drop one");
        // Every wallboard hears it, as it hears that SMS is degraded.
        (await degradedLive.Task.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("mode").GetString().ShouldBe("webpush");

        // The service takes pushes again: one delivered push clears the channel's health.
        await fixture.FlagAsync("ts2-g1-c1", 5, "push-failures-2", ObservedSign.SelfHarm);
        await Eventually.Async(() => teacher.GetAsync<JsonElement>("api/push/health"), h => !h.GetProperty("degraded").GetBoolean());
        foreach (var device in failing) await fixture.PushesAsync(device, 1);
    }
}
