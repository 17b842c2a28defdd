namespace CrisisHub.Contracts.Hotlines;

/// <summary>
/// Who a hotline is for. The names are what the API sends and the values what storage writes: never rename or
/// renumber a member, only add.
/// </summary>
public enum HotlineAudience
{
    Students = 0,
    Parents = 1,
}

/// <summary>
/// One number of a district's hotline directory: its name in Chinese (and in English, empty when the Chinese name
/// serves both), the number to dial, when it answers (free text, e.g. "24小时", "08:00–22:00") and whom it serves.
/// Stored: names are a contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.HotlineEntry")]
public sealed record HotlineEntry(string Name, string NameEn, string Number, string Hours, HotlineAudience[] Audience)
{
    /// <summary>The name a person reading in <paramref name="language"/> sees.</summary>
    public string NameIn(string language) => language == Languages.English && NameEn.Length > 0 ? NameEn : Name;

    public bool Serves(HotlineAudience audience) => Audience.Contains(audience);
}

/// <summary>A district's hotlines, and whether they are still the defaults (the district never set its own).</summary>
[GenerateSerializer, Immutable]
public sealed record HotlineDirectory(HotlineEntry[] Entries, bool IsDefault)
{
    public HotlineEntry[] For(HotlineAudience audience) => [.. Entries.Where(e => e.Serves(audience))];
}

/// <summary>
/// The hotline directory of one district (keyed by district id): the national defaults until a district
/// administrator sets the district's own (the server audits the change). It calls no other grain, so a case may
/// ask it for numbers from inside its own turn.
/// </summary>
public interface IHotlineDirectoryGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<HotlineDirectory> GetAsync();

    Task<HotlineDirectory> SetAsync(HotlineEntry[] entries);
}
