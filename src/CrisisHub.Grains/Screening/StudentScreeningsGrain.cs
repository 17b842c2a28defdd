using System.Text.Json;
using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Screening;

/// <summary>
/// A student's screening results: one record per result, appended to the chain "screening:{studentId}" and never
/// rewritten, so an import cannot lose an earlier term's result and a removed one breaks the chain (the daily anchor
/// covers it). The grain holds no state of its own: on activation it reads the chain (a few results a year) to know what
/// it holds, which is what makes a re-import change nothing. Non-reentrant: the one writer of its stream.
/// </summary>
public sealed class StudentScreeningsGrain(IAuditLog auditLog, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : Grain, IStudentScreeningsGrain
{
    public const string RecordedAction = "ScreeningRecorded";

    public static string StreamOf(string studentId) => AuditAnchors.ScreeningPrefix + studentId;

    private AuditStream? _trail;
    private readonly List<RecordedScreening> _results = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _trail = new AuditStream(auditLog, StreamOf(this.GetPrimaryKeyString()));
        _results.AddRange((await _trail.OpenWithRecordsAsync()).Where(r => r.Action == RecordedAction && r.After is not null).Select(Read));
    }

    public async Task<ScreeningRecordStatus[]> RecordAsync(ScreeningResult[] results, Actor importer)
    {
        if (results.Any(r => r.StudentId != this.GetPrimaryKeyString())) throw new ArgumentException("A result is another student's.", nameof(results));
        var statuses = new ScreeningRecordStatus[results.Length];
        var made = new List<AuditRecord>();
        var now = time.GetUtcNow();
        for (var i = 0; i < results.Length; i++)
        {
            var result = results[i];
            var held = _results.Select(r => r.Result).Concat(results.Take(i))
                .FirstOrDefault(r => r.InstrumentId == result.InstrumentId && r.Date == result.Date);
            statuses[i] = held is null ? ScreeningRecordStatus.Recorded
                : held.Items.SequenceEqual(result.Items) ? ScreeningRecordStatus.AlreadyRecorded
                : ScreeningRecordStatus.DiffersFromHeld;
            if (held is null) made.Add(_trail!.Add(now, importer, RecordedAction, null, JsonSerializer.Serialize(result, ScreeningJson.Options)));
        }

        if (made.Count == 0) return statuses;
        try
        {
            await _trail!.AppendAsync();
        }
        catch
        {
            // Not stored: forget the records, so the next activation starts again from the log's head and the import's
            // retry records them then.
            DeactivateOnIdle();
            throw;
        }

        _results.AddRange(made.Select(Read));
        return statuses;
    }

    public Task<RecordedScreening[]> ListAsync() => Task.FromResult(_results.ToArray());

    public async Task<ScreeningResult[]> ForgetRecordedBeforeAsync(DateTimeOffset recordedBefore)
    {
        var old = _results.Where(r => r.RecordedAt < recordedBefore).ToList();
        if (old.Count == 0) return [];
        var sequences = old.Select(r => r.Sequence).ToHashSet();
        // This grain is its stream's one writer: nothing appends while the old records are blanked.
        await auditLog.RedactAsync(_trail!.Name, r => sequences.Contains(r.Sequence) ? AuditChain.Redact(r) : r);
        _results.RemoveAll(r => sequences.Contains(r.Sequence));
        foreach (var school in old.GroupBy(r => r.Result.SchoolId))
            await GrainFactory.GetGrain<ISchoolScreeningsGrain>(school.Key).ForgetAsync([.. school.Select(r =>
                new ScreenedStudent(r.Result.StudentId, r.Result.GradeId, r.Result.InstrumentId, r.Result.Date, r.Result.Total, r.Result.Outcome))]);
        return [.. old.Select(r => r.Result)];
    }

    private static RecordedScreening Read(AuditRecord record) =>
        new(record.Sequence, record.At, record.ActorId, JsonSerializer.Deserialize<ScreeningResult>(record.After!, ScreeningJson.Options)!);
}
