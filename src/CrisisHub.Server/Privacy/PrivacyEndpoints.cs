using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Privacy;

public sealed record CorrectionRequestBody(string? RequestedBy, string? What, string? Requested);

public sealed record CorrectionDecisionBody(CorrectionOutcome Outcome, string? Response);

/// <summary>
/// A student's record as its privacy overseers (the school's psychology centre, the district's administrators) handle
/// it: who read it, a complete export for a guardian's request, correction requests; and emergency access.
/// </summary>
public static class PrivacyEndpoints
{
    public const int ReadsListed = 200;

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var student = app.MapGroup("/api/students/{studentId}").WithTags("Privacy");
        student.MapGet("/reads", ListReadsAsync);
        student.MapGet("/export", ExportAsync);
        student.MapGet("/corrections", (string studentId, IGrainFactory grains, HttpContext http) =>
            WithOverseenStudentAsync(grains, http, studentId, async (user, _) =>
            {
                await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.CorrectionsRead, studentId, studentId);
                return await grains.GetGrain<ICorrectionRequestsGrain>(studentId).ListAsync();
            }));
        student.MapPost("/corrections", (string studentId, CorrectionRequestBody body, IGrainFactory grains, HttpContext http) =>
            WithOverseenStudentAsync(grains, http, studentId, (user, s) => grains.GetGrain<ICorrectionRequestsGrain>(studentId).RecordAsync(user.Actor,
                new CorrectionInput(s.Placement.DistrictId, body.RequestedBy ?? "", body.What ?? "", body.Requested ?? ""))));
        student.MapPost("/corrections/{requestId}/decision", (string studentId, string requestId, CorrectionDecisionBody body, IGrainFactory grains,
            HttpContext http) => WithOverseenStudentAsync(grains, http, studentId, (user, s) => grains.GetGrain<ICorrectionRequestsGrain>(studentId)
                .DecideAsync(user.Actor, s.Placement.DistrictId, requestId, body.Outcome, body.Response ?? "")));
        app.MapBreakGlassEndpoints();
        app.MapRetentionAdminEndpoints();
        return app;
    }

    /// <summary>
    /// The student's complete record as JSON (the print view renders the same document). It holds every clinical note, so
    /// only the school's psychology centre makes it (a district administrator, who reads no case, does not).
    /// </summary>
    private static async Task<IResult> ExportAsync(string studentId, IGrainFactory grains, HttpContext http,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        if (CurrentUser.From(http.User).Role != ResponderRole.SchoolPsychologist)
            return Scoped.RoleRefused("The psychology centre exports a student's record.");
        return await WithOverseenStudentAsync(grains, http, studentId, (user, student) => SubjectExport.BuildAsync(grains, user, student, time));
    }

    /// <summary>403 for a role that oversees no one's privacy, the same 404 for an unknown student and one outside scope.</summary>
    private static async Task<IResult> WithOverseenStudentAsync<T>(IGrainFactory grains, HttpContext http, string studentId,
        Func<CurrentUser, StudentView, Task<T>> act)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.OverseesPrivacy()) return Scoped.RoleRefused("Only the psychology centre and district administrators handle a student's record requests.");
        var student = studentId.Length is > 0 and <= 64 ? await grains.GetGrain<IStudentGrain>(studentId).GetAsync() : null;
        if (student is null || !user.OverseesPrivacyOf(student.Placement)) return Scoped.NotFound("student");
        return TypedResults.Ok(await act(user, student));
    }

    /// <summary>The newest reads of the student's data; reading the list is itself a read, and shows as the newest entry.</summary>
    private static Task<IResult> ListReadsAsync(string studentId, IGrainFactory grains, HttpContext http) =>
        WithOverseenStudentAsync(grains, http, studentId, async (user, _) =>
        {
            await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.ReadsListed, studentId, studentId);
            return await grains.GetGrain<IPersonalDataReadsGrain>(studentId).ListAsync(ReadsListed);
        });
}
