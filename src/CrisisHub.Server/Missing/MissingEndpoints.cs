using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Missing;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Flags;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Missing;

/// <summary>
/// A person reports a missing student (失联) or that they were found; a district's administrators set the grades a report
/// raises. Scope is checked on the student or case in the route; <see cref="MissingStudentIntake"/> does the rest.
/// </summary>
public static class MissingEndpoints
{
    public static IServiceCollection AddMissingStudents(this IServiceCollection services) =>
        services.AddSingleton(sp => new MissingStudentIntake(sp.GetRequiredService<IGrainFactory>(),
            sp.GetKeyedService<TimeProvider>(TimeProviderNames.Grains) ?? sp.GetRequiredService<TimeProvider>()));

    public static IEndpointRouteBuilder MapMissingEndpoints(this IEndpointRouteBuilder app)
    {
        // Its Idempotency-Key makes a repeat the same report: safe to repeat through a cluster change.
        app.MapPost("/api/students/{studentId}/missing", ReportAsync).WithTags("Missing").WithMetadata(Failover.SafeToRepeat.Marker);
        app.MapPost("/api/cases/{caseId}/found", (string caseId, FoundRequest request, IGrainFactory grains, MissingStudentIntake intake, HttpContext http) =>
            CaseEndpoints.WithCaseAsync(grains, http, caseId, (_, user) => intake.FoundAsync(caseId, request.ToReport(), user.Actor))).WithTags("Missing");

        var admin = app.MapAdminGroup().WithTags("Admin");
        admin.MapGet("/districts/{districtId}/missing-grades", async (string districtId, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "the missing-student grades") is { } refusal) return refusal;
            return TypedResults.Ok(await grains.GetGrain<IMissingSettingsGrain>(districtId).GetGradesAsync());
        });
        admin.MapPut("/districts/{districtId}/missing-grades", async (string districtId, MissingGradesRequest request, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "the missing-student grades") is { } refusal) return refusal;
            var settings = grains.GetGrain<IMissingSettingsGrain>(districtId);
            var before = await settings.GetGradesAsync();
            var saved = await settings.SetGradesAsync(new MissingGrades(request.WithWarningSigns ?? before.WithWarningSigns,
                request.WithoutWarningSigns ?? before.WithoutWarningSigns));
            await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.MissingGradesSet, $"missing-grades:{districtId}", before, saved);
            return TypedResults.Ok(saved);
        });
        return app;
    }

    /// <summary>Who may report a student missing: the dormitory informant and the adults who handle cases (a class monitor flags instead).</summary>
    public static bool MayReportMissing(this ResponderRole role) => role == ResponderRole.DormitoryInformant || role.HandlesCases();

    private static async Task<IResult> ReportAsync(string studentId, MissingRequest request, HttpContext http, IGrainFactory grains, MissingStudentIntake intake)
    {
        var key = http.Request.Headers[IdempotencyKey.Header].ToString();
        if (!IdempotencyKey.IsValid(key))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                detail: $"An {IdempotencyKey.Header} header (1-100 letters, digits, '_', '.', ':' or '-') is required, so a retried report cannot raise a second alarm.");
        var user = CurrentUser.From(http.User);
        if (!user.Role.MayReportMissing()) return Scoped.RoleRefused("Your role does not report missing students.");
        var student = studentId.Length is > 0 and <= 64 ? await grains.GetGrain<IStudentGrain>(studentId).GetAsync() : null;
        // A student outside the person's class or room (or school, for its staff) looks exactly like one that does not exist.
        if (student is null || !user.CanFlag(student.Placement)) return Scoped.NotFound("student");

        var source = user.Role == ResponderRole.DormitoryInformant ? FlagSource.DormitoryInformant : FlagSource.Teacher;
        MissingIntakeResult result;
        try
        {
            result = await intake.ReportAsync(request.ToReport(student.Record.StudentId, source), user.Actor, $"{user.UserName}/{key}");
        }
        catch (MissingStudentIntake.KeyReusedException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: $"This {IdempotencyKey.Header} was already used for a different report.");
        }

        // A reporting student gets no case id, as with a flag.
        var receipt = new MissingReceipt(result.FlagId, result.Grade, user.Role.IsReporterOnly() ? null : result.CaseId);
        if (result.Replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
            return TypedResults.Ok(receipt);
        }

        return TypedResults.Created($"/api/students/{student.Record.StudentId}/missing", receipt);
    }
}
