using System.Text.Json;
using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Ledger;

/// <summary>
/// A school's monthly ledger reviews: one hash-chained record per review, appended to the audit log's stream
/// "ledger:{schoolId}", never rewritten. The reviews are few (a meeting a month), so the activation keeps them in memory
/// once read. Non-reentrant: the one writer of its stream, so sequences stay continuous.
/// </summary>
public sealed class SchoolLedgerGrain(IAuditLog auditLog, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : Grain, ISchoolLedgerGrain
{
    public const string StreamPrefix = AuditAnchors.LedgerPrefix;
    public const string ReviewedAction = "LedgerReviewed";

    /// <summary>How reviews are written into the chain: their names are a contract (see the stored-names test).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string StreamOf(string schoolId) => StreamPrefix + schoolId;

    private AuditStream? _trail;
    private readonly List<LedgerReview> _reviews = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _trail = new AuditStream(auditLog, StreamOf(this.GetPrimaryKeyString()));
        await _trail.OpenAsync(null);
        foreach (var record in await _trail.ReadAllAsync())
        {
            if (record.Action == ReviewedAction && record.After is { } json && JsonSerializer.Deserialize<LedgerReview>(json, Json) is { } review)
                _reviews.Add(review);
        }
    }

    public async Task<LedgerReview> RecordReviewAsync(LedgerReview review)
    {
        LedgerMovements.Validate(review);
        // One review per student per month, so the monthly report's movements count each student once.
        if (_reviews.Any(r => r.StudentId == review.StudentId && r.Month == review.Month))
            throw DomainRuleException.Conflict($"This student was already reviewed for {review.Month}.");
        var now = time.GetUtcNow();
        var stored = review with { Movement = LedgerMovements.Between(review.FromLevel, review.ToLevel), Note = review.Note?.Trim(), ReviewedAt = now };
        _trail!.Add(now, new Actor(stored.ReviewedBy, stored.ReviewedBy, null), ReviewedAction, null, JsonSerializer.Serialize(stored, Json));
        try
        {
            await _trail.AppendAsync();
        }
        catch
        {
            // Another activation wrote to the stream, or the log failed: start again from the log's head.
            DeactivateOnIdle();
            throw;
        }

        _reviews.Add(stored);
        return stored;
    }

    public Task<LedgerReview[]> ReviewsAsync(string month) => Task.FromResult<LedgerReview[]>([.. _reviews.Where(r => r.Month == month)]);

    public Task<LedgerReview[]> ReviewsOfAsync(string studentId) =>
        Task.FromResult<LedgerReview[]>([.. _reviews.Where(r => r.StudentId == studentId)]);

    public Task<LedgerReview[]> LatestPerStudentAsync() =>
        Task.FromResult<LedgerReview[]>([.. _reviews.GroupBy(r => r.StudentId).Select(g => g.Last())]);
}
