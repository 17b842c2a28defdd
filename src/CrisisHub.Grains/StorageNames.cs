namespace CrisisHub.Grains;

/// <summary>The grain storage providers the grains ask for; the host maps each to a backend by configuration.</summary>
public static class StorageNames
{
    public const string Cases = "cases";
    public const string Network = "network";
    public const string Identity = "identity";
    public const string Intake = "intake";
    public const string Sms = "sms";
    public const string Referrals = "referrals";
    public const string AdminAudit = "adminaudit";
    public const string Screening = "screening";

    public static readonly string[] All = [Cases, Network, Identity, Intake, Sms, Referrals, AdminAudit, Screening];
}
