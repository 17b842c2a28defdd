namespace CrisisHub.Grains.Plans;

/// <summary>
/// A plan grain's own bookkeeping; the versions themselves are the records of its chain in the audit log, which is the
/// truth (an activation takes these facts up from the log when a write of this state was lost).
/// </summary>
[GenerateSerializer, Alias("CrisisHub.StudentPlanState")]
public sealed class StudentPlanState
{
    /// <summary>The current version's number; 0 while the student has no plan.</summary>
    [Id(0)] public int Version { get; set; }

    /// <summary>Where the student was when the plan was last saved: the school whose index lists the plan.</summary>
    [Id(1)] public string SchoolId { get; set; } = "";

    [Id(2)] public string GradeId { get; set; } = "";

    /// <summary>The review date whose owner was alerted: one alert per review date, however often the grain wakes.</summary>
    [Id(3)] public DateOnly? ReviewAlertedFor { get; set; }

    [Id(4)] public DateTimeOffset? ReviewAlertedAt { get; set; }
}
