namespace CrisisHub.Server.Notifications;

/// <summary>SignalR group names, defined once.</summary>
public static class HubGroups
{
    /// <summary>The inbox connections of one person (the alerts of the nodes they hold).</summary>
    public static string Inbox(string userName) => $"inbox:{userName}";

    /// <summary>The case pages open on one case.</summary>
    public static string Case(string caseId) => $"case:{caseId}";

    /// <summary>The live stream of a school or district (duty officers' wallboards).</summary>
    public static string Stream(string scopeId) => $"stream:{scopeId}";

    /// <summary>The privacy pages of the people who oversee a node's emergency accesses (its psychology centre, its administrators).</summary>
    public static string Privacy(string nodeId) => $"privacy:{nodeId}";

    /// <summary>The liaison desk of one designated hospital.</summary>
    public static string Hospital(string hospitalId) => $"hospital:{hospitalId}";
}

/// <summary>Names of the client methods the hub calls.</summary>
public static class HubEvents
{
    public const string Alert = "alert";
    public const string SmsHealth = "smsHealth";
    public const string PushHealth = "pushHealth";
    public const string Referral = "referral";
    public const string CanaryHealth = "canaryHealth";
    public const string ClusterData = "clusterData";
    public const string BreakGlass = "breakGlass";
    public const string PlanReview = "planReview";
    public const string SignalQueue = "signalQueue";
}
