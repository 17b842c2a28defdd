using System.Text.Json;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;
using CrisisHub.Grains.Sms;
using CrisisHub.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Tests;

/// <summary>Issue 12 point 4: lockout with an admin unlock, a password policy, constant-time look-up, the demo password.</summary>
[Collection(ServerCollection.Name)]
public sealed class SignInTests(ServerFixture server)
{
    private const string Password = "sign-in-test-passphrase";

    private async Task<HttpResponseMessage> SaveAccountAsync(string userName, string? password, string nodeId = TestSeed.Class) =>
        await (await server.SignInAsync("admin")).Http.PutAsJsonAsync($"api/admin/accounts/{userName}",
            new { displayName = "Sign-in test", role = "HeadTeacher", nodeIds = new[] { nodeId }, password, preferredLanguage = "zh-CN", disabled = false }, ApiClient.Json);

    private async Task<HttpResponseMessage> TokenAsync(string userName, string password)
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        return await http.PostAsJsonAsync("api/auth/token", new { userName, password });
    }

    private async Task<HttpResponseMessage> FailFiveTimesAsync(string userName)
    {
        for (var i = 1; i < UserAccountGrainLimits.MaxFailures; i++)
            (await TokenAsync(userName, "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"failure {i}");
        return await TokenAsync(userName, "wrong-password");
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountWithAClearMessageEvenForTheRightPassword()
    {
        (await SaveAccountAsync("signin-lock", Password)).EnsureSuccessStatusCode();

        var fifth = await FailFiveTimesAsync("signin-lock");
        var right = await TokenAsync("signin-lock", Password);

        fifth.StatusCode.ShouldBe(HttpStatusCode.Locked);
        right.StatusCode.ShouldBe(HttpStatusCode.Locked, "locked means locked, whatever the password");
        right.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>();
        var until = problem.GetProperty("lockedUntil").GetDateTimeOffset();
        until.ShouldBe(server.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(1));
        var local = TimeZoneInfo.ConvertTime(until, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        problem.GetProperty("detail").GetString().ShouldBe(
            $"Account locked after 5 failed sign-ins: try again after {local:HH:mm} (Asia/Shanghai) or ask an administrator to unlock it.");
    }

    [Fact]
    public async Task TheLockEndsAfterFifteenMinutesOfGrainTime()
    {
        (await SaveAccountAsync("signin-lock-expires", Password)).EnsureSuccessStatusCode();
        (await FailFiveTimesAsync("signin-lock-expires")).StatusCode.ShouldBe(HttpStatusCode.Locked);

        server.Clock.Advance(TimeSpan.FromMinutes(15));

        (await TokenAsync("signin-lock-expires", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownUserNameLocksLikeAnAccountSoTheLockDoesNotRevealWhichNamesExist()
    {
        (await FailFiveTimesAsync("signin-nobody-here")).StatusCode.ShouldBe(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task OnlyAnAdministratorWhoseScopeCoversTheAccountUnlocksIt()
    {
        (await SaveAccountAsync("signin-unlock", Password)).EnsureSuccessStatusCode();
        (await FailFiveTimesAsync("signin-unlock")).StatusCode.ShouldBe(HttpStatusCode.Locked);

        var leader = await server.SignInAsync("ts1-leader");
        var otherAdmin = await server.SignInAsync("other-admin");
        var admin = await server.SignInAsync("admin");
        (await leader.PostAsync("api/admin/accounts/signin-unlock/unlock")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherAdmin.PostAsync("api/admin/accounts/signin-unlock/unlock")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "outside their scope");
        (await TokenAsync("signin-unlock", Password)).StatusCode.ShouldBe(HttpStatusCode.Locked, "nobody without the scope unlocked it");
        (await admin.PostAsync("api/admin/accounts/no-such-account/unlock")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await admin.PostAsync("api/admin/accounts/signin-unlock/unlock")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await TokenAsync("signin-unlock", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var log = await admin.GetAsync<JsonElement>("api/admin/audit?take=200");
        log.GetProperty("records").EnumerateArray().ShouldContain(r => r.GetProperty("action").GetString() == "AccountUnlocked"
            && r.GetProperty("target").GetString() == "account:signin-unlock" && r.GetProperty("actorId").GetString() == "admin", "an unlock is on the record");
    }

    [Theory]
    [InlineData("12345678", "must have at least 10 characters")]
    [InlineData("password123", "is one of the most common passwords; choose another")]
    [InlineData("1234567890", "is one of the most common passwords; choose another")]
    [InlineData("QwertyUiop", "is one of the most common passwords; choose another")]
    [InlineData("aaaaaaaaaaaa", "must not repeat so few characters")]
    [InlineData("crisishub-demo", "must not be the published demo password")]
    [InlineData("signin-policy", "must not be the user name")]
    public async Task AWeakPasswordIsRefusedSayingWhy(string password, string reason)
    {
        var response = await SaveAccountAsync("signin-policy", password);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe(reason);
    }

    [Fact]
    public async Task AChangedPasswordMustMeetThePolicyToo()
    {
        (await SaveAccountAsync("signin-policy-change", Password)).EnsureSuccessStatusCode();

        (await SaveAccountAsync("signin-policy-change", "password123")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await TokenAsync("signin-policy-change", Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password still stands");
    }

    [Fact]
    public async Task AHospitalDeskAccountsPasswordMeetsThePolicyToo()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync("api/admin/hospitals/th-weak", new
        {
            districtId = TestSeed.District, name = "Weak Password Hospital", phone = "0532-8888-6667", acceptedGrades = new[] { "Severe" }, hours = "24/7",
            deskAccounts = new[] { new { userName = "th-weak-desk", displayName = "Desk", password = "password123" } },
        }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("deskAccounts")[0].GetString()
            .ShouldBe("the password of th-weak-desk is one of the most common passwords; choose another");
    }

    [Fact]
    public async Task AnUnknownOrDisabledNameCostsOnePasswordVerificationLikeAWrongPassword()
    {
        // Constant time by construction: every attempt verifies exactly one PBKDF2 hash (a dummy one when there
        // is no usable account), so timing cannot tell which names exist. Counted, not timed.
        (await SaveAccountAsync("signin-timing", Password)).EnsureSuccessStatusCode();
        (await SaveAccountAsync("signin-timing-off", Password)).EnsureSuccessStatusCode();
        var admin = await server.SignInAsync("admin");
        (await admin.Http.PutAsJsonAsync("api/admin/accounts/signin-timing-off", new
        {
            displayName = "Sign-in test", role = "HeadTeacher", nodeIds = new[] { TestSeed.Class }, preferredLanguage = "zh-CN", disabled = true,
        }, ApiClient.Json)).EnsureSuccessStatusCode();
        var verifier = new CountingVerifier();
        var signIn = new SignInService(server.Factory.Services.GetRequiredService<IGrainFactory>(),
            server.Factory.Services.GetRequiredService<IOptions<CrisisHubOptions>>(), Options.Create(new SmsOptions()), verifier);

        foreach (var name in new[] { "signin-timing", "signin-unknown-name", "signin-timing-off" })
        {
            var before = verifier.Verifications;
            (await signIn.SignInAsync(new LoginRequest(name, "wrong-password-1"))).Refusal!.StatusCode.ShouldBe(Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized);
            (verifier.Verifications - before).ShouldBe(1, name);
            verifier.LastHashLength.ShouldBe(verifier.RealHashLength, $"{name}: a hash of the same algorithm and parameters");
        }
    }

    /// <summary>The real hasher, counting its verifications.</summary>
    private sealed class CountingVerifier : Microsoft.AspNetCore.Identity.IPasswordHasher<UserAccount>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<UserAccount> _real = new();
        public int Verifications { get; private set; }
        public int LastHashLength { get; private set; }
        public int RealHashLength { get; } = new Microsoft.AspNetCore.Identity.PasswordHasher<UserAccount>().HashPassword(null!, "any password at all").Length;

        public string HashPassword(UserAccount user, string password) => _real.HashPassword(user, password);

        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            LastHashLength = hashedPassword.Length;
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task TheDemoPasswordIsRefusedWhenTheServerDoesNotSeedDemoData()
    {
        // Seeded outside the policy on purpose, as a demo seed would have done before demo data was turned off.
        var grains = server.Factory.Services.GetRequiredService<IGrainFactory>();
        var account = new UserAccount("signin-demo", "Demo leftover", ResponderRole.HeadTeacher, [TestSeed.Class], "", "zh-CN", Disabled: false);
        await grains.GetGrain<IUserAccountGrain>("signin-demo").SaveAsync(account with { PasswordHash = AuthEndpoints.HashPassword(account, PasswordPolicy.DemoPassword) });

        var response = await TokenAsync("signin-demo", PasswordPolicy.DemoPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("demo password");
    }

    [Fact]
    public async Task TheDemoPasswordSignsInWhereDemoDataIsOn()
    {
        // The same sign-in, against the same account grain, under the options of a server that seeds the demo
        // district (no seed file, SeedDemoData on: the rule SeedOnStart follows).
        var grains = server.Factory.Services.GetRequiredService<IGrainFactory>();
        var account = new UserAccount("signin-demo-on", "Demo", ResponderRole.HeadTeacher, [TestSeed.Class], "", "zh-CN", Disabled: false);
        await grains.GetGrain<IUserAccountGrain>("signin-demo-on").SaveAsync(account with { PasswordHash = AuthEndpoints.HashPassword(account, PasswordPolicy.DemoPassword) });
        var demoOn = new SignInService(grains, Options.Create(new CrisisHubOptions { SeedFile = null, SeedDemoData = true }), Options.Create(new SmsOptions()),
            new Microsoft.AspNetCore.Identity.PasswordHasher<UserAccount>());
        var demoOff = server.Factory.Services.GetRequiredService<SignInService>();

        var on = await demoOn.SignInAsync(new LoginRequest("signin-demo-on", PasswordPolicy.DemoPassword));
        var off = await demoOff.SignInAsync(new LoginRequest("signin-demo-on", PasswordPolicy.DemoPassword));

        demoOn.DemoDataOn.ShouldBeTrue();
        on.Refusal.ShouldBeNull();
        on.Account!.UserName.ShouldBe("signin-demo-on");
        demoOff.DemoDataOn.ShouldBeFalse("the test server loads a seed file");
        off.Refusal.ShouldNotBeNull();
    }
}

/// <summary>The lockout threshold as the grain defines it.</summary>
internal static class UserAccountGrainLimits
{
    public const int MaxFailures = CrisisHub.Grains.Identity.UserAccountGrain.MaxFailures;
}

