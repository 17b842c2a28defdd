using CrisisHub.Contracts.Network;
using CrisisHub.Grains;

namespace CrisisHub.Load.Driving;

/// <summary>
/// Which student the k-th flag of a server's life is about. Flags walk the students one class after another
/// (class 1's first student, class 2's first, …), so consecutive flags reach different classes, schools and
/// head teachers. Flag k goes to student k mod N: the first N flags each open a case, and once the walk wraps a
/// flag is attached to the case its student already has open (one open case per student). The ordinal (1 for a
/// student's first flag) is what the case's flag count will be when that flag lands, which is how a push is
/// matched to its flag.
/// </summary>
public sealed class StudentRotation
{
    private readonly StudentRecord[] _students;
    private readonly Dictionary<string, int> _index;

    public StudentRotation(IEnumerable<StudentRecord> students)
    {
        var byClass = students.GroupBy(s => s.ClassId).Select(g => g.ToArray()).ToArray();
        // Each class's last student is kept out of the walk for warming up (see WarmUp).
        WarmUp = [.. byClass.Where(c => c.Length > 1).Select(c => c[^1])];
        byClass = [.. byClass.Select(c => c.Length > 1 ? c[..^1] : c)];
        var widest = byClass.Length == 0 ? 0 : byClass.Max(c => c.Length);
        _students = [.. Enumerable.Range(0, widest).SelectMany(i => byClass.Where(c => i < c.Length).Select(c => c[i]))];
        _index = _students.Select((s, i) => (s.StudentId, i)).ToDictionary(p => p.StudentId, p => p.i);
        MaskedNames = [.. _students.Select(s => NameMask.Mask(s.Name))];
    }

    public int Count => _students.Length;

    /// <summary>
    /// One student per class that the walk never flags: a run warms the server up (JIT, connections, first grain
    /// activations) with flags about them that suggest the watch list, which opens a case but raises no alert and
    /// pushes nothing, so "alerts open before the run" stays what it says.
    /// </summary>
    public StudentRecord[] WarmUp { get; }

    /// <summary>The masked name a push shows for each student, by position (the server's own masking rule).</summary>
    public string[] MaskedNames { get; }

    public StudentRecord At(long flag) => _students[flag % _students.Length];

    public int Position(long flag) => (int)(flag % _students.Length);

    public int Ordinal(long flag) => (int)(flag / _students.Length) + 1;

    public int PositionOf(string studentId) => _index[studentId];

    /// <summary>The flag that is this student's <paramref name="ordinal"/>-th.</summary>
    public long FlagOf(int position, int ordinal) => (long)(ordinal - 1) * _students.Length + position;
}
