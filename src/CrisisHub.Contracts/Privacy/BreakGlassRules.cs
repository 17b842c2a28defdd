using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Privacy;

/// <summary>When emergency access may be opened and reviewed: one place for the server's checks and the grain's.</summary>
public static class BreakGlassRules
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 500;
    public const int MaxCommentLength = 1000;

    /// <summary>How long an access lasts unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(60);

    /// <summary>An access unreviewed for longer shows on the district wallboard.</summary>
    public static readonly TimeSpan ReviewDue = TimeSpan.FromHours(72);

    /// <summary>Only a case in danger justifies reading it without being its responder.</summary>
    public static bool GradeAllows(CrisisGrade grade) => grade is CrisisGrade.Severe or CrisisGrade.Major;

    public static void CheckReason(string? reason)
    {
        var length = reason?.Trim().Length ?? 0;
        if (length is < MinReasonLength or > MaxReasonLength)
            throw DomainRuleException.Invalid("reason", $"say why you need this case now, in {MinReasonLength} to {MaxReasonLength} characters");
    }

    public static void CheckReview(string reviewerId, BreakGlassUse use, string? comment)
    {
        if (use.Review is not null) throw DomainRuleException.Conflict("This emergency access is already reviewed.");
        if (string.Equals(reviewerId, use.UserName, StringComparison.OrdinalIgnoreCase))
            throw DomainRuleException.Conflict("An emergency access is reviewed by someone other than the person who used it.");
        if ((comment?.Trim().Length ?? 0) is 0 or > MaxCommentLength)
            throw DomainRuleException.Invalid("comment", $"say what the review found, in 1 to {MaxCommentLength} characters");
    }
}
