namespace CrisisHub.Contracts.Audit;

/// <summary>
/// A day's signed record of where the audit chains ended: every chain whose head moved since the anchor before it (so an
/// anchor stays small however many chains exist), with the chain's district so a district's verification finds its own.
/// Stored as JSON inside a record of the anchor stream (<see cref="AuditAnchors.Stream"/>): property names are a contract,
/// add, never rename. <see cref="Signature"/> is HMAC-SHA256, under the key named by <see cref="KeyId"/>, over every other
/// field, the anchor's own sequence in its stream included so a signed anchor cannot be replayed at another place.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AuditAnchor")]
public sealed record AuditAnchor(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string KeyId,
    [property: Id(3)] AnchoredHead[] Heads,
    [property: Id(4)] string Signature);

/// <summary>One chain's head as anchored: its last record's sequence and hash. Stored: names are a contract.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AnchoredHead")]
public sealed record AnchoredHead(
    [property: Id(0)] string Chain,
    [property: Id(1)] string DistrictId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] string Hash);

/// <summary>The names the anchors use: their stream, their records' action, and the ids of the chains they anchor.</summary>
public static class AuditAnchors
{
    /// <summary>One anchor stream for the installation, in the audit log beside the chains it anchors.</summary>
    public const string Stream = "anchor:installation";

    /// <summary>The action of an anchor's record in its stream.</summary>
    public const string Action = "ChainsAnchored";

    /// <summary>The key of the one <see cref="IAuditAnchorGrain"/>.</summary>
    public const string GrainKey = "installation";

    /// <summary>The prefix of every case's stream in the audit log; a case's chain id is its stream name.</summary>
    public const string CasePrefix = "case:";

    /// <summary>A student's read log (who read their data), anchored like a case's trail.</summary>
    public const string ReadsPrefix = "reads:";

    public const string AdminPrefix = "admin:";

    /// <summary>A student's screening results (the most sensitive data CrisisHub holds), anchored like their read log.</summary>
    public const string ScreeningPrefix = "screening:";

    /// <summary>A school's attention ledger reviews (the monthly meeting's decisions), anchored like the students' chains.</summary>
    public const string LedgerPrefix = "ledger:";

    /// <summary>A student's plan (一生一策): one record per saved version, and one per review that fell due unmade.</summary>
    public const string PlanPrefix = "plan:";

    /// <summary>A school's queue of outside signals that named no student: received, read, matched, dismissed.</summary>
    public const string SignalsPrefix = "signals:";

    /// <summary>An integration client's calls (one record per call, the client as actor), anchored like the students' chains.</summary>
    public const string IntegrationPrefix = "integration:";

    public static string PlanChain(string studentId) => PlanPrefix + studentId;

    public static string IntegrationChain(string clientId) => IntegrationPrefix + clientId;

    public static string CaseChain(string caseId) => CasePrefix + caseId;

    /// <summary>A district's admin audit chain (kept in pages by <see cref="IAdminAuditGrain"/>, not in the log).</summary>
    public static string AdminChain(string districtId) => AdminPrefix + districtId;
}

/// <summary>
/// The daily anchoring job of the installation. A reminder ticks every few minutes (Orleans reminders run on real time);
/// each tick compares the grain clock with the last anchor's time, so "daily" is a day of the grain clock.
/// </summary>
public interface IAuditAnchorGrain : IGrainWithStringKey
{
    /// <summary>Registers the ticking reminder unless it is there (every silo calls this at start).</summary>
    Task EnsureScheduledAsync();

    /// <summary>Writes an anchor when none was written in the last day (or none ever); null when none was due.</summary>
    Task<AnchorView?> AnchorIfDueAsync();
}

/// <summary>An anchor as reported: where it is in its stream, when, under which key, how many chain heads it holds.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AnchorView")]
public sealed record AnchorView(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string KeyId,
    [property: Id(3)] int HeadCount,
    [property: Id(4)] bool SignatureValid);
