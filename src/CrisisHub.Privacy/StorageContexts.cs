namespace CrisisHub.Privacy;

/// <summary>
/// Where each sealed value is stored, as the associated data it is sealed with: a value opens only where it was written.
/// These strings are part of the stored format (changing one makes every value sealed under it unreadable).
/// </summary>
public static class StorageContexts
{
    /// <summary>A grain's state: storage provider, state name and grain id (the same in SQLite and Redis).</summary>
    public static string GrainState(string storageName, string stateName, string grainId) => $"grain-state:{storageName}/{stateName}:{grainId}";

    /// <summary>The before or after text of one audit record (the stream and sequence are its place in the log).</summary>
    public static string AuditField(string stream, long sequence, string field) => $"audit:{stream}:{sequence}:{field}";

    /// <summary>The recipient or body of one text in the local outbox (sid: the provider's message id, unique).</summary>
    public static string OutboxField(string sid, string field) => $"outbox:{sid}:{field}";

    /// <summary>An ASP.NET Core data-protection key (its XML carries no id of its own to the encryptor).</summary>
    public const string DataProtectionKey = "data-protection-key";
}
