namespace CrisisHub.Grains;

/// <summary>
/// When the daily jobs (the audit anchor, retention) may run: at night, 02:00–05:00 China Standard Time (18:00–21:00
/// UTC), never in the school day. Each walks every case of the installation; run at 08:00 they would compete with the
/// morning's flags (and a server started at noon would otherwise run them at noon every day after). Their reminders
/// tick all day; a tick outside the window does nothing. Called with the grain clock, so tests move it.
/// </summary>
public static class DailyJobWindow
{
    public static readonly TimeSpan Opens = TimeSpan.FromHours(18);
    public static readonly TimeSpan Length = TimeSpan.FromHours(3);

    public static bool IsOpen(DateTimeOffset now)
    {
        var time = now.UtcDateTime.TimeOfDay;
        return time >= Opens && time < Opens + Length;
    }
}
