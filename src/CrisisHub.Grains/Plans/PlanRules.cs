using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Plans;

/// <summary>
/// What a plan must be, and when its review falls due. Schools keep China Standard Time (UTC+8, no daylight saving): a
/// review "on" a day is due by the end of that day there, so the alert comes the morning after, not at 08:00 of the day.
/// </summary>
public static class PlanRules
{
    public const int Closed = 0;
    public const int FirstLevel = 1;
    public const int LastLevel = 4;
    public const int MaxAdults = 20;
    public const int MaxName = 100;
    public const int MaxRole = 100;
    public const int MaxPhone = 32;
    public const int MaxChangeNote = 500;
    /// <summary>A plan is reviewed at least once a year; a later date is almost always a typing mistake.</summary>
    public const int MaxDaysToReview = 366;

    /// <summary>The school day it is at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => SchoolTime.Today(now);

    /// <summary>The moment a review on <paramref name="nextReviewOn"/> is overdue: the end of that school day.</summary>
    public static DateTimeOffset ReviewDueAt(DateOnly nextReviewOn) =>
        new(nextReviewOn.AddDays(1).ToDateTime(TimeOnly.MinValue), SchoolTime.Offset);

    public static bool IsClosed(PlanDraft plan) => plan.Level == Closed;

    public static bool ReviewOverdue(PlanDraft plan, DateTimeOffset now) => !IsClosed(plan) && now >= ReviewDueAt(plan.NextReviewOn);

    /// <summary>
    /// Who reads plans: the psychology centre (all of it) and the adults who carry a plan out at the student's nodes (head
    /// teacher, dormitory supervisor, grade director, school leader). Duty officers and district staff watch alerts, not plans.
    /// </summary>
    public static bool ReadsPlans(ResponderRole role) => role is ResponderRole.SchoolPsychologist or ResponderRole.HeadTeacher
        or ResponderRole.DormitorySupervisor or ResponderRole.GradeDirector or ResponderRole.SchoolLeader;

    /// <summary>
    /// Who may own a plan of a student of <paramref name="schoolId"/>: an enabled account of a role that reads plans, held at
    /// a node of that school (<paramref name="ownerSchools"/> are the schools of the nodes it holds).
    /// </summary>
    public static bool MayOwn(UserAccount? owner, IReadOnlyCollection<string?> ownerSchools, string schoolId) =>
        owner is { Disabled: false } && ReadsPlans(owner.Role) && ownerSchools.Contains(schoolId);

    /// <summary>
    /// The problems of a draft, by field (the API's error keys); empty when it may be saved. <paramref name="previous"/> is
    /// the version it replaces: an unchanged review date may already have passed (the review is still due, and was alerted).
    /// </summary>
    public static Dictionary<string, string[]> Problems(PlanDraft? draft, DateTimeOffset now, bool ownerMayOwn, PlanDraft? previous, string? changeNote)
    {
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string reason) => problems[field] = [.. problems.GetValueOrDefault(field) ?? [], reason];
        if (draft is null)
        {
            Add("plan", "is required");
            return problems;
        }

        if (draft.Level is < Closed or > LastLevel)
            Add("level", $"must be one of {FirstLevel} (in crisis or referred), 2, 3, {LastLevel} (watch), or {Closed} to close the plan");
        else if (draft.Level == Closed && previous is null)
            Add("level", $"a first plan needs a level from {FirstLevel} to {LastLevel}; {Closed} closes an existing plan");
        Text("triggers", draft.Triggers);
        Text("warningSigns", draft.WarningSigns);
        Text("agreedSupport", draft.AgreedSupport);
        if (draft.SafetyPlan is null) Add("safetyPlan", "is required (its six parts may be empty)");
        else SafetyPlanProblems(draft.SafetyPlan, Add);

        if (draft.ResponsibleAdults is null) Add("responsibleAdults", "is required (it may be an empty list)");
        else if (draft.ResponsibleAdults.Length > MaxAdults) Add("responsibleAdults", $"at most {MaxAdults} adults");
        else
        {
            for (var i = 0; i < draft.ResponsibleAdults.Length; i++)
            {
                var adult = draft.ResponsibleAdults[i];
                if (string.IsNullOrWhiteSpace(adult?.Name) || adult.Name.Trim().Length > MaxName)
                    Add($"responsibleAdults[{i}].name", $"is required (at most {MaxName} characters)");
                if (string.IsNullOrWhiteSpace(adult?.Role) || adult.Role.Trim().Length > MaxRole)
                    Add($"responsibleAdults[{i}].role", $"is required (at most {MaxRole} characters), e.g. head teacher, mother");
                if (adult?.Phone is { Length: > 0 } phone && !Network.PhoneNumberRules.TryNormalize(phone, out _))
                    Add($"responsibleAdults[{i}].phone", "is not a phone number (leave it empty if there is none)");
            }
        }

        var today = Today(now);
        var unchangedDate = previous is not null && previous.NextReviewOn == draft.NextReviewOn;
        if (draft.Level != Closed && !unchangedDate && draft.NextReviewOn < today)
            Add("nextReviewOn", $"must be today ({today:yyyy-MM-dd}) or later on the server's clock");
        if (draft.Level != Closed && draft.NextReviewOn > today.AddDays(MaxDaysToReview))
            Add("nextReviewOn", $"must be within {MaxDaysToReview} days (by {today.AddDays(MaxDaysToReview):yyyy-MM-dd})");
        if (string.IsNullOrWhiteSpace(draft.OwnerUserName)) Add("ownerUserName", "is required: the account that answers for the plan and its reviews");
        else if (!ownerMayOwn) Add("ownerUserName", "must be an enabled account of the student's school: its psychology centre, a head teacher, dormitory supervisor, grade director or school leader");
        if (changeNote?.Length > MaxChangeNote) Add("changeNote", $"at most {MaxChangeNote} characters");
        return problems;

        void Text(string field, string? text)
        {
            if (text is null) Add(field, "is required (it may be empty)");
            else if (text.Length > Limits.MaxTextLength) Add(field, $"at most {Limits.MaxTextLength} characters");
        }
    }

    private static void SafetyPlanProblems(SafetyPlan plan, Action<string, string> add)
    {
        foreach (var (name, text) in SafetyPlanParts(plan))
        {
            if (text is null) add($"safetyPlan.{name}", "is required (it may be empty)");
            else if (text.Length > Limits.MaxTextLength) add($"safetyPlan.{name}", $"at most {Limits.MaxTextLength} characters");
        }
    }

    private static IEnumerable<(string Name, string? Text)> SafetyPlanParts(SafetyPlan p) =>
    [
        ("warningSigns", p.WarningSigns), ("internalCoping", p.InternalCoping), ("peopleAndPlacesForDistraction", p.PeopleAndPlacesForDistraction),
        ("peopleToAskForHelp", p.PeopleToAskForHelp), ("professionalsAndHotlines", p.ProfessionalsAndHotlines),
        ("makingTheEnvironmentSafe", p.MakingTheEnvironmentSafe),
    ];

    /// <summary>The draft as stored: text trimmed, phones in E.164.</summary>
    public static PlanDraft Normalised(PlanDraft d) => d with
    {
        Triggers = d.Triggers.Trim(),
        WarningSigns = d.WarningSigns.Trim(),
        AgreedSupport = d.AgreedSupport.Trim(),
        OwnerUserName = d.OwnerUserName.Trim(),
        SafetyPlan = new SafetyPlan(d.SafetyPlan.WarningSigns.Trim(), d.SafetyPlan.InternalCoping.Trim(), d.SafetyPlan.PeopleAndPlacesForDistraction.Trim(),
            d.SafetyPlan.PeopleToAskForHelp.Trim(), d.SafetyPlan.ProfessionalsAndHotlines.Trim(), d.SafetyPlan.MakingTheEnvironmentSafe.Trim()),
        ResponsibleAdults = [.. d.ResponsibleAdults.Select(a => new ResponsibleAdult(a.Name.Trim(), a.Role.Trim(),
            a.Phone is { Length: > 0 } phone && Network.PhoneNumberRules.TryNormalize(phone, out var e164) ? e164 : null))],
    };

    /// <summary>
    /// The first plan a referral starts for a student who had none: level 1 (referred), the referral's safety plan, a review
    /// a week on (the first check-in after a return is weekly) for the psychology centre to fill in the rest.
    /// </summary>
    public static PlanDraft FromReferral(SafetyPlan safetyPlan, string owner, DateTimeOffset now) =>
        new(FirstLevel, "", "", safetyPlan, [], "", Today(now).AddDays(7), owner);
}
