namespace CrisisHub.Grains;

/// <summary>How a student's name appears where many eyes are (inboxes, wallboards, desk queues, live pushes).</summary>
public static class NameMask
{
    /// <summary>Keeps the first character (the family name, for Chinese names) and hides the rest.</summary>
    public static string Mask(string name) =>
        name.Length <= 1 ? "*" : string.Concat(name[..1], new string('*', Math.Min(name.Length - 1, 3)));
}
