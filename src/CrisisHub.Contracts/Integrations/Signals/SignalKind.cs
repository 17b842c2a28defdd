using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Integrations.Signals;

/// <summary>What an outside system saw. Stored: names and numbers are a contract.</summary>
public enum SignalKind
{
    /// <summary>An online-monitoring service spotted a post about self-harm or suicide.</summary>
    OnlineSelfHarmPost = 0,
    /// <summary>The police tell the school about a student (a call-out, a found person, a report).</summary>
    PoliceNotice = 1,
    /// <summary>A hotline (12355, 12356, 12320) refers a caller to the school.</summary>
    HotlineReferral = 2,
    /// <summary>A hospital system tells the school (an emergency visit, a discharge needing follow-up).</summary>
    HospitalNotice = 3,
    /// <summary>A student cannot be reached (失联): becomes a missing-student report.</summary>
    MissingStudent = 4,
}

public static class SignalKinds
{
    /// <summary>The source a signal's flag carries on the case: responders see where it came from.</summary>
    public static FlagSource SourceOf(SignalKind kind) => kind switch
    {
        SignalKind.OnlineSelfHarmPost => FlagSource.OnlineMonitoring,
        SignalKind.PoliceNotice => FlagSource.PoliceNotice,
        SignalKind.HotlineReferral => FlagSource.Hotline,
        SignalKind.HospitalNotice => FlagSource.HospitalNotice,
        SignalKind.MissingStudent => FlagSource.MissingStudentReport,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The permission a client needs to post a signal of this kind.</summary>
    public static IntegrationPermission PermissionFor(SignalKind kind) =>
        kind == SignalKind.MissingStudent ? IntegrationPermission.PostMissingStudentReports : IntegrationPermission.PostSignals;
}
