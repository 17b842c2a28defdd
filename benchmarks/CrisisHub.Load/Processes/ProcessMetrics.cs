using System.Globalization;

namespace CrisisHub.Load.Processes;

/// <summary>One reading of a process's counters, from Linux's /proc (null where the kernel does not tell).</summary>
public sealed record ProcessSample(double CpuMs, long? DiskWriteBytes, long RssBytes, long PeakRssBytes);

public static class ProcessMetrics
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat. 100 on every Linux this runs on (x86-64, arm64).
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpuTicks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new ProcessSample(cpuTicks * 1000 / TicksPerSecond, DiskWriteBytes(pid), Kilobytes(status, "VmRSS:") * 1024, Kilobytes(status, "VmHWM:") * 1024);
    }

    /// <summary>Bytes this process caused to be written to storage (write_bytes: what reached the block layer, fsyncs and all).</summary>
    private static long? DiskWriteBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/io").FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string[] status, string key)
    {
        var line = status.First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The database as it lies on disk: the main file plus its write-ahead log.</summary>
    public static long DatabaseBytes(string dataFolder) =>
        new[] { "crisishub.db", "crisishub.db-wal" }.Select(f => new FileInfo(Path.Combine(dataFolder, f))).Where(f => f.Exists).Sum(f => f.Length);
}
