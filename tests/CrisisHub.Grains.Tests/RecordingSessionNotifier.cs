using CrisisHub.Grains.Identity;

namespace CrisisHub.Grains.Tests;

/// <summary>Records whose sessions the account grains ended, in order.</summary>
public sealed class RecordingSessionNotifier : ISessionNotifier
{
    private readonly List<string> _ended = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Ended
    {
        get { lock (_lock) return [.. _ended]; }
    }

    public Task SessionsEndedAsync(string userName)
    {
        lock (_lock) _ended.Add(userName);
        return Task.CompletedTask;
    }
}
