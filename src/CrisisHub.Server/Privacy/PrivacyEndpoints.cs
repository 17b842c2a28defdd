using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Privacy;

/// <summary>Who read a student's data; emergency (break-glass) access and its review.</summary>
public static class PrivacyEndpoints
{
    public const int ReadsListed = 200;

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/students/{studentId}/reads", ListReadsAsync).WithTags("Privacy");
        app.MapBreakGlassEndpoints();
        return app;
    }

    /// <summary>The newest reads of the student's data, for the school's psychology centre and the district's administrators.</summary>
    private static async Task<IResult> ListReadsAsync(string studentId, IGrainFactory grains, HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.OverseesPrivacy()) return Scoped.RoleRefused("Only the psychology centre and district administrators list who read a student's data.");
        var student = studentId.Length is > 0 and <= 64 ? await grains.GetGrain<IStudentGrain>(studentId).GetAsync() : null;
        if (student is null || !user.OverseesPrivacyOf(student.Placement)) return Scoped.NotFound("student");
        // Reading the list is itself a read of the student's data, and shows as the newest entry.
        await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.ReadsListed, studentId, studentId);
        return TypedResults.Ok(await grains.GetGrain<IPersonalDataReadsGrain>(studentId).ListAsync(ReadsListed));
    }
}
