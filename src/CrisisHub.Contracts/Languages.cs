namespace CrisisHub.Contracts;

/// <summary>The languages CrisisHub speaks (pages, texts, accounts): simplified Chinese first, as the default.</summary>
public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const string Default = Chinese;

    /// <summary>In the order the pages' string tables write them: each entry is [中文, English].</summary>
    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language);

    /// <summary>A language as asked for, or the default when it is not one CrisisHub speaks.</summary>
    public static string OrDefault(string? language) => IsSupported(language) ? language! : Default;
}
