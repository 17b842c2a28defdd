using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Ledger;

/// <summary>
/// A student's archive (一生一档). Only the psychology centre of the student's school (or district) reads it: it gathers
/// screening items and every case over years, which is clinical detail (see <see cref="Privacy.CaseShape.Clinical"/>);
/// the district's officers read cases in the oversight shape only and read no archive.
/// </summary>
public static class ArchiveEndpoints
{
    public static IEndpointRouteBuilder MapArchiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/students/{studentId}/archive", ReadAsync).WithTags("Ledger");
        return app;
    }

    private static async Task<IResult> ReadAsync(string studentId, HttpContext http, IGrainFactory grains)
    {
        var user = CurrentUser.From(http.User);
        if (user.Role != ResponderRole.SchoolPsychologist) return Scoped.RoleRefused("The psychology centre reads a student's archive.");
        var student = studentId.Length is > 0 and <= 64 ? await grains.GetGrain<IStudentGrain>(studentId).GetAsync() : null;
        if (student is null || !user.OverseesPrivacyOf(student.Placement)) return Scoped.NotFound("student");
        return TypedResults.Ok(await StudentArchive.BuildAsync(grains, user, student));
    }
}
