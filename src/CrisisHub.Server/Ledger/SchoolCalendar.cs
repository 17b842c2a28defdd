using CrisisHub.Grains.Sms;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Ledger;

/// <summary>
/// The schools' day and month, on the grains' clock in the installation's time zone (the one quiet hours use): a
/// meeting on the 1st at 08:00 in Qingdao is still the 1st, though UTC says the month before.
/// </summary>
public sealed class SchoolCalendar(IOptions<SmsOptions> sms)
{
    private readonly TimeZoneInfo? _zone = TryZone(sms.Value.TimeZone);

    /// <summary>Today in the configured zone; without one this machine knows, the schools' own (China time), never UTC.</summary>
    public DateOnly Today(TimeProvider clock) => _zone is null
        ? Grains.SchoolTime.Today(clock.GetUtcNow())
        : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _zone).DateTime);

    private static TimeZoneInfo? TryZone(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return null; }
    }
}
