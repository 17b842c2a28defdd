using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Plans;
using CrisisHub.Grains.Plans;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Plans;

/// <summary>A student's plan (一生一策) over HTTP: authorised on the student in the route, every read recorded, the grain decides.</summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plan = app.MapGroup("/api/students/{studentId}/plan").WithTags("Plans");
        plan.MapGet("", ReadAsync);
        plan.MapGet("/versions", VersionsAsync);
        plan.MapPut("", SaveAsync);
        app.MapGet("/api/plans/reviews-due", ReviewsDueAsync).WithTags("Plans");
        return app;
    }

    private static async Task<IResult> ReadAsync(string studentId, IGrainFactory grains, HttpContext http, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        var (student, refusal) = await PlanAccess.AuthorizeAsync(grains, user, studentId, write: false);
        if (refusal is not null) return refusal;
        await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.PlanRead, AuditAnchors.PlanChain(studentId), studentId);
        var view = await grains.GetGrain<IStudentPlanGrain>(studentId).GetAsync();
        return TypedResults.Ok(await PageAsync(grains, user, student!, PlanShapes.For(user, view), time));
    }

    private static async Task<IResult> VersionsAsync(string studentId, IGrainFactory grains, HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        var (_, refusal) = await PlanAccess.AuthorizeAsync(grains, user, studentId, write: true);
        if (refusal is not null) return refusal;
        await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.PlanRead, $"{AuditAnchors.PlanChain(studentId)}/versions", studentId);
        return TypedResults.Ok(await grains.GetGrain<IStudentPlanGrain>(studentId).VersionsAsync());
    }

    private static async Task<IResult> SaveAsync(string studentId, PlanSaveRequest request, IGrainFactory grains, HttpContext http, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        var (student, refusal) = await PlanAccess.AuthorizeAsync(grains, user, studentId, write: true);
        if (refusal is not null) return refusal;
        if (request.Plan is null) return Invalid("plan", "is required");
        var view = await grains.GetGrain<IStudentPlanGrain>(studentId)
            .SaveAsync(request.Plan.ToDraft(), user.Actor, request.ExpectedVersion ?? -1, request.ChangeNote);
        return TypedResults.Ok(await PageAsync(grains, user, student!, view, time));
    }

    /// <summary>
    /// The plans whose review is overdue and which the caller owns, in the schools of the nodes they hold: their inbox's
    /// "plan review due" list. No content, but it says the students have plans: each is a read of theirs.
    /// </summary>
    private static async Task<IResult> ReviewsDueAsync(IGrainFactory grains, HttpContext http, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.HandlesCases()) return Scoped.RoleRefused("Your role receives no alerts.");
        var nodes = await Task.WhenAll(user.NodeIds.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync()));
        var schools = nodes.Select(n => n?.SchoolId).OfType<string>().Distinct(StringComparer.Ordinal);
        var plans = await Task.WhenAll(schools.Select(id => grains.GetGrain<ISchoolPlansGrain>(id).ListAsync()));
        var now = time.GetUtcNow();
        PlanReviewDue[] due = [.. plans.SelectMany(p => p)
            .Where(p => !p.Closed && string.Equals(p.OwnerUserName, user.UserName, StringComparison.OrdinalIgnoreCase) && now >= PlanRules.ReviewDueAt(p.NextReviewOn))
            .OrderBy(p => p.NextReviewOn).ThenBy(p => p.StudentId, StringComparer.Ordinal)
            .Select(p => new PlanReviewDue(p.StudentId, p.NextReviewOn, PlanRules.ReviewDueAt(p.NextReviewOn)))];
        await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.PlanRead, "reviews-due", due.Select(d => d.StudentId));
        return TypedResults.Ok(due);
    }

    private static async Task<PlanPage> PageAsync(IGrainFactory grains, CurrentUser user, StudentView student, object? plan, TimeProvider time) =>
        new(student.Record.StudentId, student.Record.Name, student.Record.ClassId, CaseShapes.Of(user.Role).ToString(), plan,
            PlanRules.Today(time.GetUtcNow()), PlanAccess.Writes(user, student.Placement),
            await Hotlines.PeopleHotlines.ForStudentAsync(student.Placement, grains, user.Language));

    private static IResult Invalid(string field, string problem) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [problem] }, detail: $"{field} {problem}.");
}
