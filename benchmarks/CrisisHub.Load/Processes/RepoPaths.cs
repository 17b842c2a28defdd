using System.Reflection;

namespace CrisisHub.Load.Processes;

/// <summary>Where the built server and floor are: beside this repository's sources, in this build's configuration.</summary>
public static class RepoPaths
{
    /// <summary>The configuration this benchmark was built in; `dotnet run -c Release` builds the server in it too (project reference).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string ServerDll() => Built(Path.Combine("src", "CrisisHub.Server"), "CrisisHub.Server.dll");

    /// <summary>The floor runs from this project's own output, which has its runtimeconfig (a test's copy of the dll does not).</summary>
    public static string LoadDll() => Built(Path.Combine("benchmarks", "CrisisHub.Load"), "CrisisHub.Load.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root(), project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build it first: dotnet build CrisisHub.sln -c {Configuration}", path);
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CrisisHub.sln not found above " + AppContext.BaseDirectory);
    }
}
