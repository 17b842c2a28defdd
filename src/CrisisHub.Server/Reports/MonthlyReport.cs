using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Reports;

/// <summary>How many of one kind (a source, a grade, an outcome, a level).</summary>
public sealed record Tally(string Key, int Count);

/// <summary>Done on time out of due; Share is null when nothing was due.</summary>
public sealed record OnTime(int Due, int InTime, double? Share);

public sealed record FlagFigures(int Total, Tally[] BySource, Tally[] ByGrade);

/// <summary>
/// The alerts raised in the month under one grade's policy. Minutes to the first acknowledgement (median, 90th
/// percentile by nearest rank) over those acknowledged; in time = acknowledged before the first step's deadline,
/// so the alert never had to climb.
/// </summary>
public sealed record AlertGradeFigures(CrisisGrade? Grade, int Raised, int Acknowledged, double? MedianMinutesToAcknowledge,
    double? P90MinutesToAcknowledge, OnTime AcknowledgedInTime, int Escalations, int EscalatedAlerts, int Exhausted);

/// <summary>Per grade and for all grades; and the level whose step was running when someone finally acknowledged.</summary>
public sealed record AlertFigures(AlertGradeFigures[] ByGrade, AlertGradeFigures All, Tally[] AcknowledgedAtLevel);

/// <summary>Referrals requested in the month by where they stand now; green-channel steps due in the month and met in time.</summary>
public sealed record ReferralFigures(int Requested, Tally[] ByOutcome, OnTime GreenChannelSteps);

/// <summary>After discharge: caring contacts and weekly check-ins due in the month and done by their deadline.</summary>
public sealed record FollowUpFigures(OnTime CaringContacts, OnTime CheckIns);

/// <summary>The attention ledger's reviews recorded for the month. Null figures: the installation keeps no ledger yet.</summary>
public sealed record LedgerFigures(int Reviews, int Raised, int Lowered, int Unchanged);

public sealed record BreakGlassFigures(int Uses, int Reviewed, int Justified, int NotJustified, int AwaitingReview);

public sealed record GradeCoverage(string GradeId, string GradeName, int Enrolled, int Screened, double? Share);

public sealed record CoverageFigures(GradeCoverage[] ByGrade, int Enrolled, int Screened, double? Share);

/// <summary>A school's monthly closed loop: counts and times only, no names and no student ids.</summary>
public sealed record SchoolMonthFigures(
    string Month,
    string SchoolId,
    string SchoolName,
    FlagFigures Flags,
    AlertFigures Alerts,
    ReferralFigures Referrals,
    FollowUpFigures FollowUp,
    LedgerFigures? Ledger,
    BreakGlassFigures BreakGlass,
    CoverageFigures Coverage);
