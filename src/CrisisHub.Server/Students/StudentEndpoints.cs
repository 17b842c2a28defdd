using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Audit;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Students;

/// <summary>A student as the flag form offers them: enough to recognise a classmate, nothing more.</summary>
public sealed record StudentChoice(string StudentId, string Name, string StudentNumber, string ClassId, string? DormitoryId);

public static class StudentEndpoints
{
    public static IEndpointRouteBuilder MapStudentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/students/mine", MineAsync).WithTags("Students");
        return app;
    }

    /// <summary>The students of the classes and rooms the person holds: who they may flag from the form.</summary>
    private static async Task<IResult> MineAsync(HttpContext http, IGrainFactory grains)
    {
        var user = CurrentUser.From(http.User);
        var nodes = (await Task.WhenAll(user.NodeIds.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync())))
            .OfType<WarningNodeView>()
            .Where(n => n.Level is NetworkLevel.Class or NetworkLevel.Dormitory);
        var students = await Task.WhenAll(nodes.SelectMany(n => n.StudentIds).Distinct().Take(500)
            .Select(id => grains.GetGrain<IStudentGrain>(id).GetAsync()));
        StudentChoice[] choices = [.. students.OfType<StudentView>()
            .Where(s => user.CanFlag(s.Placement))
            .Select(s => new StudentChoice(s.Record.StudentId, s.Record.Name, s.Record.StudentNumber, s.Record.ClassId, s.Record.DormitoryId))
            .OrderBy(s => s.StudentNumber, StringComparer.Ordinal)];
        await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.ClassmatesListed, user.UserName, choices.Select(c => c.StudentId));
        return TypedResults.Ok(choices);
    }
}
