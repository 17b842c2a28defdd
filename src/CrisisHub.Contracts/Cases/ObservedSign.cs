namespace CrisisHub.Contracts.Cases;

/// <summary>The fixed list of things a reporter can tick on the flag form.</summary>
public enum ObservedSign
{
    // Major (C-SSRS screener questions 4-6, ASQ acute positive)
    SaidTheyIntendToAct = 0,
    AttemptOrPreparation = 1,
    ThinkingOfKillingThemselvesNow = 2,
    MissingWithWarningSigns = 3,

    // Severe
    ThinkingAboutHow = 10,
    TalkedAboutSuicide = 11,
    SelfHarm = 12,
    PsychoticSymptoms = 13,
    GivingAwayBelongings = 14,
    ScreeningSuicideItem = 15,
    Missing = 16,

    // General
    WishToBeDead = 20,
    SuddenWithdrawal = 21,
    Distress = 22,
    Bullying = 23,
    FamilyCrisis = 24,
    ScreeningPositive = 25,
}

/// <summary>Maps what the reporter saw to a suggested grade; the responder decides the real one.</summary>
public static class Triage
{
    public static CrisisGrade GradeOf(ObservedSign sign) => (int)sign switch
    {
        < 10 => CrisisGrade.Major,
        < 20 => CrisisGrade.Severe,
        _ => CrisisGrade.General,
    };

    /// <summary>Signs a screening integration reports; a person flagging a student does not tick them.</summary>
    public static bool ComesFromScreening(ObservedSign sign) => sign is ObservedSign.ScreeningSuicideItem or ObservedSign.ScreeningPositive;

    /// <summary>
    /// The suggested grade of a flag: the highest of the signs and of what the reporter suggested.
    /// A reporter can raise the grade but never talk a sign down: over-triage is the safe error.
    /// </summary>
    public static CrisisGrade Suggest(IEnumerable<ObservedSign> signs, CrisisGrade? reporterSuggestion)
    {
        var grade = reporterSuggestion ?? CrisisGrade.Watch;
        foreach (var sign in signs)
        {
            var g = GradeOf(sign);
            if (g > grade) grade = g;
        }

        return grade;
    }
}
