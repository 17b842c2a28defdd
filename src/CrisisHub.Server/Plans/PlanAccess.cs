using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Plans;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Plans;

/// <summary>
/// Who reaches a student's plan, decided on the student in the route. The school's psychology centre reads and writes the
/// plans of its school's students (<see cref="CaseShape.Clinical"/>); the adults who carry a plan out read it at the nodes
/// they hold (<see cref="CaseShape.Responder"/>); duty officers and district staff read no plan (refused by role).
/// </summary>
public static class PlanAccess
{
    public static bool Writes(CurrentUser user, StudentPlacement placement) =>
        CaseShapes.Of(user.Role) == CaseShape.Clinical && user.Holds(placement.SchoolId);

    public static bool Reads(CurrentUser user, StudentPlacement placement) =>
        Writes(user, placement) || CaseShapes.Of(user.Role) == CaseShape.Responder && user.CanReadCase(placement);

    /// <summary>The student when the caller may (for <paramref name="write"/>: write, else read) their plan; a refusal otherwise.</summary>
    public static async Task<(StudentView? Student, IResult? Refusal)> AuthorizeAsync(IGrainFactory grains, CurrentUser user, string studentId, bool write)
    {
        if (!PlanRules.ReadsPlans(user.Role)) return (null, Scoped.RoleRefused("Your role does not read students' plans."));
        if (write && CaseShapes.Of(user.Role) != CaseShape.Clinical)
            return (null, Scoped.RoleRefused("Only the school's psychology centre writes plans and reads their history."));
        var student = studentId.Length is > 0 and <= 64 ? await grains.GetGrain<IStudentGrain>(studentId).GetAsync() : null;
        if (student is null || !(write ? Writes(user, student.Placement) : Reads(user, student.Placement))) return (null, Scoped.NotFound("student"));
        return (student, null);
    }
}
