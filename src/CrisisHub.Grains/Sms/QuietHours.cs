namespace CrisisHub.Grains.Sms;

/// <summary>General alerts wait out the night; Severe and Major never do.</summary>
public static class QuietHours
{
    public static DateTimeOffset EndIfInside(DateTimeOffset now, SmsOptions options)
    {
        if (options.QuietHoursStart is not { } start || options.QuietHoursEnd is not { } end) return now;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inside = start <= end ? time >= start && time < end : time >= start || time < end;
        if (!inside) return now;
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (time >= start && start > end) endDate = endDate.AddDays(1);
        var endLocal = endDate.ToDateTime(end);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal));
    }
}
