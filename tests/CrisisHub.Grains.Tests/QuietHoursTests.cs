using CrisisHub.Grains.Sms;

namespace CrisisHub.Grains.Tests;

public sealed class QuietHoursTests
{
    private static readonly SmsOptions Options = new();   // 22:00-07:00 Asia/Shanghai (UTC+8)

    [Fact]
    public void AGeneralTextDuringTheNightWaitsUntilSevenInTheMorning()
    {
        var lateEvening = new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero); // 23:30 in Shanghai

        QuietHours.EndIfInside(lateEvening, Options).ShouldBe(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void AfterMidnightItWaitsForTheSameMorning()
    {
        var small = new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero); // 03:00 on the 24th in Shanghai

        QuietHours.EndIfInside(small, Options).ShouldBe(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void DuringTheDayNothingWaits()
    {
        var afternoon = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero); // 16:00 in Shanghai

        QuietHours.EndIfInside(afternoon, Options).ShouldBe(afternoon);
    }
}
