using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// Which action notes are clinical (the psychology centre's), and so withheld from the people who act on an alert.
/// A note stored before authors' roles were (role unknown) is withheld too — unless the reader wrote it: better a
/// head teacher misses a colleague's old note than reads a psychologist's.
/// </summary>
public static class ClinicalNotes
{
    public static bool WithheldFrom(string readerId, ResponderRole? authorRole, string? authorId, string? note) => note is not null
        && (authorRole == ResponderRole.SchoolPsychologist
            || authorRole is null && !string.Equals(authorId, readerId, StringComparison.OrdinalIgnoreCase));
}
