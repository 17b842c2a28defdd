namespace CrisisHub.Contracts;

/// <summary>
/// Sizes the API enforces, in one place. The pages learn them from <c>GET /api/config</c> (e.g. a textarea's
/// maxlength) instead of copying them.
/// </summary>
public static class Limits
{
    /// <summary>Anything a person types as free text: a note, a reason, a disposition, a referral's packet fields.</summary>
    public const int MaxTextLength = 4096;
}
