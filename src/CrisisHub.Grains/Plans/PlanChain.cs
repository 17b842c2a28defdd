using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Plans;

namespace CrisisHub.Grains.Plans;

/// <summary>
/// What a plan's chain holds: a record per saved version (its After is the version as JSON, whose names are a contract)
/// and a record per review that fell due unmade (the owner was alerted).
/// </summary>
public static class PlanChain
{
    public const string Saved = "PlanSaved";
    public const string ReviewDue = "PlanReviewDue";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(PlanVersion version) => JsonSerializer.Serialize(version, Json);

    public static string SerializeReviewDue(int version, DateOnly nextReviewOn, string owner) =>
        JsonSerializer.Serialize(new ReviewDueRecord(version, nextReviewOn, owner), Json);

    /// <summary>The facts the records hold: every version, oldest first, and the last review alerted (its date and when).</summary>
    public static (List<PlanVersion> Versions, DateOnly? AlertedFor, DateTimeOffset? AlertedAt) Read(IEnumerable<AuditRecord> records)
    {
        var versions = new List<PlanVersion>();
        DateOnly? alertedFor = null;
        DateTimeOffset? alertedAt = null;
        foreach (var record in records)
        {
            // A record blanked by retention has nothing left to read.
            if (record.After is null) continue;
            if (record.Action == Saved) versions.Add(JsonSerializer.Deserialize<PlanVersion>(record.After, Json)!);
            else if (record.Action == ReviewDue)
            {
                alertedFor = JsonSerializer.Deserialize<ReviewDueRecord>(record.After, Json)!.NextReviewOn;
                alertedAt = record.At;
            }
        }

        return (versions, alertedFor, alertedAt);
    }

    private sealed record ReviewDueRecord(int Version, DateOnly NextReviewOn, string Owner);
}
