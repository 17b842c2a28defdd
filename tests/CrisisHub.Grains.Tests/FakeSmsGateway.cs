using System.Collections.Concurrent;
using CrisisHub.Grains.Sms;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// A provider the grain tests program per phone number: accept, refuse for good, refuse for now, or accept and
/// then lose the answer (the crash window). Thread-safe: both silos share it.
/// </summary>
public sealed class FakeSmsGateway : ISmsGateway
{
    public enum Behaviour { Accept, Permanent, Transient, AcceptThenLoseAnswer }

    private readonly ConcurrentQueue<(OutboundSms Sms, string Sid, DateTimeOffset At)> _accepted = new();
    private readonly ConcurrentDictionary<string, Queue<(Behaviour, int)>> _script = new();
    private readonly ConcurrentDictionary<string, int> _failingLookups = new();
    private readonly ConcurrentDictionary<string, int> _lookups = new();
    private int _attempts;

    public IReadOnlyList<OutboundSms> Accepted => [.. _accepted.Select(a => a.Sms)];
    public int Attempts => _attempts;

    public IReadOnlyList<OutboundSms> AcceptedFor(string phone) => [.. Accepted.Where(s => s.To == phone)];

    /// <summary>The next answers for a number, in order; after them it accepts.</summary>
    public void Script(string phone, params (Behaviour Behaviour, int Code)[] answers) =>
        _script[phone] = new Queue<(Behaviour, int)>(answers);

    /// <summary>The next look-ups for a number fail as when the provider's host does not resolve.</summary>
    public void FailLookups(string phone, int times) => _failingLookups[phone] = times;

    public int LookupsFor(string phone) => _lookups.GetValueOrDefault(phone);

    public Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        var (behaviour, code) = _script.TryGetValue(sms.To, out var queue) && queue.TryDequeue(out var next) ? next : (Behaviour.Accept, 0);
        switch (behaviour)
        {
            case Behaviour.Permanent:
                return Task.FromResult<SmsSendResult>(new SmsSendResult.Permanent(code, "refused"));
            case Behaviour.Transient:
                return Task.FromResult<SmsSendResult>(new SmsSendResult.Transient("busy", TimeSpan.FromSeconds(code)));
            case Behaviour.AcceptThenLoseAnswer:
                _accepted.Enqueue((sms, $"SM{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
                throw new IOException("connection reset after the provider accepted the text");
            default:
                var sid = $"SM{Guid.NewGuid():N}";
                _accepted.Enqueue((sms, sid, DateTimeOffset.UtcNow));
                return Task.FromResult<SmsSendResult>(new SmsSendResult.Accepted(sid));
        }
    }

    public Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken)
    {
        _lookups.AddOrUpdate(sms.To, 1, (_, n) => n + 1);
        if (_failingLookups.TryGetValue(sms.To, out var failing) && failing > 0)
        {
            _failingLookups[sms.To] = failing - 1;
            throw new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known");
        }

        return Task.FromResult<string?>(_accepted.FirstOrDefault(a => a.Sms.To == sms.To && a.Sms.Body == sms.Body).Sid);
    }
}
