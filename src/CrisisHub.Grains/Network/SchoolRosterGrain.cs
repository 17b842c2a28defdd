using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Network;

/// <summary>
/// A school's students by number, kept in memory: the first listing reads every student of the school's classes, later
/// ones read only the classes (a handful of nodes) and fetch the students that joined or whose record changed. A term's
/// preview and its confirm, and every preview after, cost the classes, not the school. Stores nothing: the class nodes and
/// the students are the truth, and a new activation starts from them.
/// </summary>
public sealed class SchoolRosterGrain : Grain, ISchoolRosterGrain
{
    private const int Parallelism = 256;

    private readonly Dictionary<string, RosterNumber> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public async Task<RosterNumber[]> ListAsync()
    {
        var school = GrainFactory.GetGrain<IWarningNodeGrain>(this.GetPrimaryKeyString());
        var classes = (await school.GetDescendantsAsync()).Where(n => n.Level == NetworkLevel.Class).Select(n => n.NodeId).ToArray();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slice in classes.Chunk(Parallelism))
            foreach (var node in await Task.WhenAll(slice.Select(id => GrainFactory.GetGrain<IWarningNodeGrain>(id).GetAsync())))
                if (node is not null) listed.UnionWith(node.StudentIds);

        foreach (var gone in _known.Keys.Where(id => !listed.Contains(id)).ToList()) _known.Remove(gone);
        var toFetch = listed.Where(id => !_known.ContainsKey(id) || _changed.Contains(id)).ToList();
        foreach (var slice in toFetch.Chunk(Parallelism))
        {
            foreach (var id in slice) _changed.Remove(id);
            var students = await Task.WhenAll(slice.Select(id => GrainFactory.GetGrain<IStudentGrain>(id).GetAsync()));
            foreach (var (id, student) in slice.Zip(students))
            {
                if (student is not null && student.Placement.SchoolId == this.GetPrimaryKeyString())
                    _known[id] = new RosterNumber(student.Record.StudentNumber, id, student.Placement.GradeId, student.Placement.ClassId);
                else _known.Remove(id);
            }
        }

        return [.. _known.Values];
    }

    public Task ForgetAsync(string studentId)
    {
        _changed.Add(studentId);
        return Task.CompletedTask;
    }
}
