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
        await _trail.OpenAsync(null);
        _results.AddRange((await _trail.ReadAllAsync()).Where(r => r.Action == RecordedAction && r.After is not null).Select(Read));
    }

    public async Task<ScreeningRecordStatus> RecordAsync(ScreeningResult result, Actor importer)
    {
        if (result.StudentId != this.GetPrimaryKeyString()) throw new ArgumentException("The result is another student's.", nameof(result));
        if (_results.Any(r => r.Result.InstrumentId == result.InstrumentId && r.Result.Date == result.Date)) return ScreeningRecordStatus.AlreadyRecorded;

        var record = _trail!.Add(time.GetUtcNow(), importer, RecordedAction, null, JsonSerializer.Serialize(result, ScreeningJson.Options));
        try
        {
            await _trail.AppendAsync();
        }
        catch
        {
            // Not stored: forget the record, so the next activation starts again from the log's head and the import's retry
            // records it then.
            DeactivateOnIdle();
            throw;
        }

        _results.Add(Read(record));
        return ScreeningRecordStatus.Recorded;
    }

    public Task<RecordedScreening[]> ListAsync() => Task.FromResult(_results.ToArray());

    private static RecordedScreening Read(AuditRecord record) =>
        new(record.Sequence, record.At, record.ActorId, JsonSerializer.Deserialize<ScreeningResult>(record.After!, ScreeningJson.Options)!);
}
