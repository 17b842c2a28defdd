namespace CrisisHub.Server.Hosting;

/// <summary>
/// The one answer for an id the caller may not see. "Does not exist" and "exists but is not yours" get the
/// same 404 problem details (same title, same detail, no id echoed), so probing ids reveals nothing about
/// which cases, students, referrals or schools exist. A 403 stays only for refusals decided by the role
/// alone, before any id is looked up (a monitor opening any case): those say nothing about the id.
/// </summary>
public static class Scoped
{
    public static IResult NotFound(string kind) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"No such {kind}, or it is outside what you respond for.");

    /// <summary>A refusal by role alone, checked before the id is read.</summary>
    public static IResult RoleRefused(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
