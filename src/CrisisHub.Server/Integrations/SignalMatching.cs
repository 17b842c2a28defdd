using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Integrations;

/// <summary>A signal's student, or why a person must find them: the queue shows the reason.</summary>
public sealed record SignalMatch(RosterNumber? Student, string WhyUnmatched)
{
    public const string NoNumber = "NoStudentNumber";
    public const string UnknownNumber = "UnknownStudentNumber";
    public const string AmbiguousNumber = "AmbiguousStudentNumber";
}

/// <summary>
/// Decides whether a signal names a student of its school. Only an exact, unique student number matches: hints (a name,
/// a class) are for a person to read, never for guessing — a wrong match alerts the wrong family, a queued one is found.
/// </summary>
public static class SignalMatching
{
    public static SignalMatch Match(string? studentNumber, IEnumerable<RosterNumber> roster)
    {
        if (string.IsNullOrWhiteSpace(studentNumber)) return new SignalMatch(null, SignalMatch.NoNumber);
        var number = studentNumber.Trim();
        var holders = roster.Where(r => string.Equals(r.StudentNumber, number, StringComparison.Ordinal)).Take(2).ToArray();
        return holders switch
        {
            [var only] => new SignalMatch(only, ""),
            [] => new SignalMatch(null, SignalMatch.UnknownNumber),
            _ => new SignalMatch(null, SignalMatch.AmbiguousNumber),
        };
    }
}
