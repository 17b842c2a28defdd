using CrisisHub.Contracts.Wallboard;

namespace CrisisHub.Server.Operations;

/// <summary>
/// Counts the open cases (on any real wallboard) by grade every half minute, for the open-case gauge: a scrape reads the
/// last count instead of querying the boards itself. Every node counts the same boards, so dashboards take the max.
/// </summary>
public sealed partial class OpenCaseCensus(IServiceProvider services, TimeProvider time, ILogger<OpenCaseCensus> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private volatile BoardCount[] _latest = [];

    public IReadOnlyList<BoardCount> Latest => _latest;

    /// <summary>Counts now (the loop's step; tests call it to read the gauge without waiting for the period).</summary>
    public async Task CountAsync()
    {
        // The board is the silo's service, registered with it.
        _latest = await services.GetRequiredService<IAlertBoard>().OpenByGradeAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await CountAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCountFailed(exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The open cases could not be counted ({Reason}); the gauge keeps its last count")]
    private partial void LogCountFailed(string reason);
}
