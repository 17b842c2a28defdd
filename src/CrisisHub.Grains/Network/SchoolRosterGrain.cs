using CrisisHub.Contracts;
using CrisisHub.Contracts.Network;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Network;

/// <summary>
/// A school's students by number, read from its classes and kept in memory for a minute: a preview and the confirm that
/// follows it read the school once, not once per row. Stores nothing; the class nodes and students are the truth.
/// </summary>
public sealed class SchoolRosterGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, ISchoolRosterGrain
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);
    private const int Parallelism = 256;

    private RosterNumber[]? _roster;
    private DateTimeOffset _readAt;

    public async Task<RosterNumber[]> ListAsync()
    {
        if (_roster is not null && time.GetUtcNow() - _readAt < FreshFor) return _roster;
        var school = GrainFactory.GetGrain<IWarningNodeGrain>(this.GetPrimaryKeyString());
        var classes = (await school.GetDescendantsAsync()).Where(n => n.Level == NetworkLevel.Class).Select(n => n.NodeId).ToArray();
        var studentIds = new List<string>();
        foreach (var slice in classes.Chunk(Parallelism))
            foreach (var node in await Task.WhenAll(slice.Select(id => GrainFactory.GetGrain<IWarningNodeGrain>(id).GetAsync())))
                if (node is not null) studentIds.AddRange(node.StudentIds);

        var roster = new List<RosterNumber>(studentIds.Count);
        foreach (var slice in studentIds.Distinct().Chunk(Parallelism))
            foreach (var student in await Task.WhenAll(slice.Select(id => GrainFactory.GetGrain<IStudentGrain>(id).GetAsync())))
                if (student is not null && student.Placement.SchoolId == this.GetPrimaryKeyString())
                    roster.Add(new RosterNumber(student.Record.StudentNumber, student.Record.StudentId, student.Placement.GradeId, student.Placement.ClassId));

        _roster = [.. roster];
        _readAt = time.GetUtcNow();
        return _roster;
    }
}
