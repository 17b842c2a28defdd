using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// How much of a case a role reads (DESIGN.md, "minimum necessary"). The server shapes every response: a page that
/// hides a field is no protection, the JSON is what leaves the building.
/// </summary>
public enum CaseShape
{
    /// <summary>The psychology centre: everything, clinical notes included.</summary>
    Clinical,

    /// <summary>
    /// The people who act on the alert (head teacher, dormitory supervisor, grade director, school leader): the student,
    /// what was reported, what must be done, the timeline and the contacts; not the psychology centre's clinical notes.
    /// </summary>
    Responder,

    /// <summary>Duty officers and district staff: a masked name, grade, status, escalation and deadlines; no free text, no contacts.</summary>
    Oversight,
}

public static class CaseShapes
{
    public static CaseShape Of(ResponderRole role) => role switch
    {
        ResponderRole.SchoolPsychologist => CaseShape.Clinical,
        ResponderRole.HeadTeacher or ResponderRole.DormitorySupervisor or ResponderRole.GradeDirector or ResponderRole.SchoolLeader => CaseShape.Responder,
        // Duty officers, district officers, and any role added later: the least until someone decides otherwise.
        _ => CaseShape.Oversight,
    };

    /// <summary>The case as <paramref name="user"/> may read it.</summary>
    public static object For(CurrentUser user, CaseView view) => Of(user.Role) switch
    {
        CaseShape.Clinical => view,
        CaseShape.Responder => ResponderCaseView.Of(view, user.UserName),
        _ => OversightCaseView.Of(view),
    };
}
