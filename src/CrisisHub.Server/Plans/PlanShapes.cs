using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Plans;

/// <summary>
/// A plan as the adults who carry it out read it (head teacher, dormitory supervisor, grade director, school leader): the
/// level, the signs to watch for, the safety plan, who is responsible, the agreed support and the next review. Not the
/// triggers (what set the student off is the psychology centre's clinical picture) nor the change notes and the history.
/// </summary>
public sealed record ResponderPlanView(string StudentId, int Version, int Level, string WarningSigns, SafetyPlan SafetyPlan,
    ResponsibleAdult[] ResponsibleAdults, string AgreedSupport, DateOnly NextReviewOn, string OwnerUserName, DateTimeOffset SavedAt, bool ReviewOverdue);

/// <summary>
/// What GET /api/students/{id}/plan answers: who the plan is of (the printout for the re-entry meeting names the student),
/// the shape the caller reads it in, the plan (null while there is none) and the school day on the server's clock.
/// <see cref="Hotlines"/> are the student's district's lines for students and their school's psychology centre: the page
/// shows them beside the safety plan's "professionals and hotlines", always as the directory holds them now.
/// </summary>
public sealed record PlanPage(string StudentId, string StudentName, string ClassId, string Shape, object? Plan, DateOnly Today, bool MayEdit,
    Hotlines.Hotline[] Hotlines);

/// <summary>A plan whose review is overdue, as its owner's inbox lists it: the student's id to open it by, and the date missed.</summary>
public sealed record PlanReviewDue(string StudentId, DateOnly NextReviewOn, DateTimeOffset DueAt);

public static class PlanShapes
{
    public static object? For(CurrentUser user, StudentPlanView? view) => view is null ? null : CaseShapes.Of(user.Role) switch
    {
        CaseShape.Clinical => view,
        _ => Responder(view),
    };

    private static ResponderPlanView Responder(StudentPlanView view)
    {
        var p = view.Current.Plan;
        return new ResponderPlanView(view.StudentId, view.Current.Version, p.Level, p.WarningSigns, p.SafetyPlan, p.ResponsibleAdults, p.AgreedSupport,
            p.NextReviewOn, p.OwnerUserName, view.Current.SavedAt, view.ReviewOverdue);
    }
}
