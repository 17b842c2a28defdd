using CrisisHub.Contracts.Sms;
using Shouldly;
using Xunit;

namespace CrisisHub.Testing;

/// <summary>What every local outbox store promises (SQLite, Redis): once per text, newest first, found by message.</summary>
public abstract class LocalOutboxContract
{
    protected abstract ILocalOutbox Outbox { get; }

    /// <summary>A second handle on the same storage, as another process (or a restart) would have.</summary>
    protected abstract ILocalOutbox Reopen();

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private LocalText Text(int n) => new($"LO{_run}{n}", $"c-{_run}.0.r{n}", "+12025550100", $"body {n}",
        new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero).AddSeconds(n));

    [Fact]
    public async Task TextsAreKeptOnceAndListedNewestFirstAndFoundByTheirMessage()
    {
        await Outbox.RecordAsync(Text(1));
        await Outbox.RecordAsync(Text(2));
        await Outbox.RecordAsync(Text(2));

        var latest = await Reopen().LatestAsync(2);
        latest.ShouldBe([Text(2), Text(1)]);
        (await Reopen().FindAsync(Text(1).MessageId)).ShouldBe(Text(1));
        (await Reopen().FindAsync($"c-{_run}.never")).ShouldBeNull();
    }

    [Fact]
    public async Task OnlyTheLatestTextsAreKeptTheOldestDropOut()
    {
        for (var n = 1; n <= LocalOutbox.Kept + 1; n++) await Outbox.RecordAsync(Text(n));

        var kept = await Reopen().LatestAsync(LocalOutbox.Kept + 10);

        kept.Length.ShouldBe(LocalOutbox.Kept);
        kept[0].ShouldBe(Text(LocalOutbox.Kept + 1));
        kept.ShouldNotContain(Text(1), "the oldest text, with its number, is gone");
    }

    [Fact]
    public async Task TextsFromBeforeACutoffAreForgottenAndLaterOnesKept()
    {
        await Outbox.RecordAsync(Text(11));
        await Outbox.RecordAsync(Text(12));
        await Outbox.RecordAsync(Text(13));

        var forgotten = await Outbox.ForgetBeforeAsync(Text(13).At);

        forgotten.ShouldBeGreaterThanOrEqualTo(2);
        var kept = await Reopen().LatestAsync(LocalOutbox.Listed);
        kept.ShouldContain(Text(13));
        kept.ShouldNotContain(Text(12));
        kept.ShouldNotContain(Text(11));
        (await Reopen().FindAsync(Text(11).MessageId)).ShouldBeNull();
    }
}
