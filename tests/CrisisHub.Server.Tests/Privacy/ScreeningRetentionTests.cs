using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Screening;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Privacy;

/// <summary>
/// Screening results are kept as long as the district keeps closed cases, counted from when they were recorded: then the
/// nightly job blanks them in the student's chain (which still verifies) and takes them out of the school's index.
/// On a server of its own: its clock moves by a year.
/// </summary>
public sealed class ScreeningRetentionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private IGrainFactory Grains => server.Factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task AfterTheDistrictsYearsAResultIsBlankedInItsChainAndLeavesTheIndexAndTheChainStillVerifies()
    {
        var admin = await server.SignInAsync("admin");
        (await admin.Http.PutAsJsonAsync($"api/admin/districts/{TestSeed.District}/retention", new { textDays = 30, closedCaseYears = 1 })).EnsureSuccessStatusCode();
        var student = TestSeed.Student(TestSeed.Class, 9);
        var result = new ScreeningResult(student, TestSeed.School, TestSeed.Grade, "phq-9", new DateOnly(2026, 10, 12), [1, 1, 1, 1, 1, 1, 1, 1, 0], 8,
            ScreeningOutcome.None, null, "import", 2);
        await Grains.GetGrain<IStudentScreeningsGrain>(student).RecordAsync([result], new Actor(TestSeed.Psychologist, "Psychology centre", ResponderRole.SchoolPsychologist));
        await Grains.GetGrain<ISchoolScreeningsGrain>(TestSeed.School).AddAsync([new ScreenedStudent(student, TestSeed.Grade, "phq-9", result.Date, 8, ScreeningOutcome.None)]);
        var job = Grains.GetGrain<IRetentionJobGrain>(IRetentionJobGrain.Key);

        (await job.RunAsync()).ScreeningsForgotten.ShouldBe(0, "recorded today: kept");
        server.Clock.Advance(TimeSpan.FromDays(366));
        (await job.RunAsync()).ScreeningsForgotten.ShouldBe(1);
        (await job.RunAsync()).ScreeningsForgotten.ShouldBe(0, "a repeat forgets nothing");

        (await Grains.GetGrain<IStudentScreeningsGrain>(student).ListAsync()).ShouldBeEmpty();
        (await Grains.GetGrain<ISchoolScreeningsGrain>(TestSeed.School).ListAsync(DateOnly.MinValue, DateOnly.MaxValue)).ShouldNotContain(r => r.StudentId == student);
        var chain = await server.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(AuditAnchors.ScreeningPrefix + student);
        chain.ShouldHaveSingleItem().ShouldSatisfyAllConditions(r => r.Redacted.ShouldBeTrue(), r => r.After.ShouldBeNull());
        var report = await admin.GetAsync<AuditVerificationReport>($"api/audit/verification?districtId={TestSeed.District}");
        report.Problems.ShouldBeEmpty();
    }
}
