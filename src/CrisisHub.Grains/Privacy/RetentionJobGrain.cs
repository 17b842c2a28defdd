using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Screening;
using CrisisHub.Contracts.Sms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Privacy;

[GenerateSerializer, Alias("CrisisHub.RetentionJobState")]
public sealed class RetentionJobState
{
    [Id(0)] public RetentionRun? LastRun { get; set; }
}

/// <summary>
/// The daily retention job. A reminder looks at the grain clock every few minutes and runs the job once a night, in the
/// <see cref="DailyJobWindow"/>. Each case (every case stream in the audit log) is asked whether it closed before its district's
/// cut-off; every case (open too) forgets the numbers of its texts past the district's days, and so does each such
/// text's own record (number, body); and the local outbox forgets texts older than the shortest text retention of any
/// district (its texts name no district). The cases decide for themselves; the job only walks them, a bounded batch at a time.
/// </summary>
public sealed partial class RetentionJobGrain(
    [PersistentState("retention-job", StorageNames.AdminAudit)] IPersistentState<RetentionJobState> state,
    IAuditLog log,
    IServiceProvider services,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<RetentionJobGrain> logger) : Grain, IRetentionJobGrain, IRemindable
{
    public const string ReminderName = "retention";
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);
    public static readonly TimeSpan TickEvery = TimeSpan.FromMinutes(10);
    private const int Batch = 64;

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(ReminderName) is null) await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(2), TickEvery);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = time.GetUtcNow();
        if (reminderName != ReminderName || !DailyJobWindow.IsOpen(now)) return;
        // Once a night: a run earlier in this window (less than a day ago, more than the window's length) is tonight's.
        if (state.State.LastRun is { } last && now - last.At < Period - DailyJobWindow.Length) return;
        try
        {
            await RunAsync();
        }
        catch (Exception exception)
        {
            // The next tick tries again: nothing is half-done, each case anonymises itself in one write.
            LogRunFailed(exception);
        }
    }

    public Task<RetentionRun?> LastRunAsync() => Task.FromResult(state.State.LastRun);

    public async Task<RetentionRun> RunAsync()
    {
        var now = time.GetUtcNow();
        var policies = new Dictionary<string, RetentionPolicy>(StringComparer.Ordinal);
        async Task<RetentionPolicy> PolicyOf(string districtId) =>
            policies.TryGetValue(districtId, out var known) ? known
                : policies[districtId] = await GrainFactory.GetGrain<IRetentionPolicyGrain>(districtId).GetAsync();

        var streams = await log.StreamsAsync("case:");
        var (checkedCases, anonymised, deliveries) = (0, 0, 0);
        foreach (var chunk in streams.Chunk(Batch))
        {
            var outcomes = await Task.WhenAll(chunk.Select(async Task<(bool Anonymised, int Texts)> (stream) =>
            {
                var grain = GrainFactory.GetGrain<IStudentCaseGrain>(stream["case:".Length..]);
                if (await grain.GetRoutingAsync() is not { } routing) return (false, 0);
                // Every district with a case counts for the texts' cut-off, open cases or not.
                var policy = await PolicyOf(routing.Placement.DistrictId);
                var oldTexts = await grain.ForgetTextNumbersBeforeAsync(now.AddDays(-policy.TextDays));
                await Task.WhenAll(oldTexts.Select(id => GrainFactory.GetGrain<ISmsMessageGrain>(id).ForgetContentAsync()));
                if (routing.Status != CaseStatus.Closed) return (false, oldTexts.Length);
                var done = await grain.AnonymiseIfClosedBeforeAsync(now.AddYears(-policy.ClosedCaseYears));
                // The referrals of an anonymised case, every run (a repeat changes nothing): a crash after the case's write
                // leaves them to the next run.
                await Task.WhenAll(done.ReferralIds.Select(id => GrainFactory.GetGrain<IReferralGrain>(id).AnonymiseAsync()));
                return (done.AnonymisedNow, oldTexts.Length);
            }));
            checkedCases += chunk.Length;
            anonymised += outcomes.Count(o => o.Anonymised);
            deliveries += outcomes.Sum(o => o.Texts);
        }

        var screenings = await ForgetScreeningsAsync(now, PolicyOf);

        var forgotten = 0;
        if (services.GetService<ILocalOutbox>() is { } outbox)
        {
            var textDays = policies.Count == 0 ? RetentionPolicy.Default.TextDays : policies.Values.Min(p => p.TextDays);
            forgotten = await outbox.ForgetBeforeAsync(now.AddDays(-textDays));
        }

        var run = new RetentionRun(now, checkedCases, anonymised, forgotten, deliveries, screenings);
        state.State.LastRun = run;
        await state.WriteStateAsync();
        LogRan(checkedCases, anonymised, forgotten);
        return run;
    }

    /// <summary>
    /// Screening results are kept as long as closed cases (the district's years), counted from when CrisisHub recorded them.
    /// A student's oldest record is read first, so only a chain holding something old wakes its student.
    /// </summary>
    private async Task<int> ForgetScreeningsAsync(DateTimeOffset now, Func<string, Task<RetentionPolicy>> policyOf)
    {
        var shortest = now.AddYears(-RetentionPolicy.FewestClosedCaseYears);
        var forgotten = 0;
        foreach (var chunk in (await log.StreamsAsync(AuditAnchors.ScreeningPrefix)).Chunk(Batch))
        {
            var counts = await Task.WhenAll(chunk.Select(async stream =>
            {
                if ((await log.ReadAsync(stream, 1, 1)) is not [{ At: var oldest }] || oldest >= shortest) return 0;
                var studentId = stream[AuditAnchors.ScreeningPrefix.Length..];
                if (await GrainFactory.GetGrain<IStudentGrain>(studentId).GetAsync() is not { } student) return 0;
                var policy = await policyOf(student.Placement.DistrictId);
                return (await GrainFactory.GetGrain<IStudentScreeningsGrain>(studentId).ForgetRecordedBeforeAsync(now.AddYears(-policy.ClosedCaseYears))).Length;
            }));
            forgotten += counts.Sum();
        }

        return forgotten;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Checked} cases checked, {Anonymised} anonymised, {Forgotten} texts forgotten")]
    private partial void LogRan(int @checked, int anonymised, int forgotten);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; the next tick tries again")]
    private partial void LogRunFailed(Exception exception);
}
