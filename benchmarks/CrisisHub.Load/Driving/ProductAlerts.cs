using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Load.Driving;

/// <summary>
/// Which of the product's `alert` pushes announce a flag, and which flag. A head teacher hears every change of
/// their class's cases (escalations, text deliveries too); a push announces a flag when the case's flag count
/// grew: to 1 when a flag opened the case (Raised), higher when one was attached (CaseUpdated). Pushes of one
/// case come from its one grain, in order, over one connection.
/// </summary>
public sealed class ProductAlerts
{
    private readonly Dictionary<string, int> _flagCounts = [];

    public bool AnnouncesFlag(AlertNotification push)
    {
        lock (_flagCounts)
        {
            if (push.Alert.FlagCount <= _flagCounts.GetValueOrDefault(push.Alert.CaseId)) return false;
            _flagCounts[push.Alert.CaseId] = push.Alert.FlagCount;
            return true;
        }
    }

    /// <summary>
    /// The arrival time of each flag's push, by flag. A case's first push is matched to the oldest flag not yet
    /// matched that opened a case in that class for a student whose masked name it shows (a monitor's receipt
    /// carries no case id: reporting students never learn it); later pushes of the case are matched exactly, by
    /// the case's student and its flag count. Two same-masked students of one class whose cases open at the same
    /// moment may swap latencies; neither is lost.
    /// </summary>
    public static Dictionary<long, long> Match(StudentRotation rotation, IEnumerable<long> sentFlags, IEnumerable<Received<AlertNotification>> pushes)
    {
        var opening = sentFlags.Where(f => rotation.Ordinal(f) == 1).Order()
            .GroupBy(f => (rotation.At(f).ClassId, rotation.MaskedNames[rotation.Position(f)]))
            .ToDictionary(g => g.Key, g => new Queue<long>(g));
        var counts = new ProductAlerts();
        var studentOfCase = new Dictionary<string, int>();
        var arrived = new Dictionary<long, long>();
        foreach (var push in pushes)
        {
            var alert = push.Message.Alert;
            if (!counts.AnnouncesFlag(push.Message)) continue;
            if (!studentOfCase.TryGetValue(alert.CaseId, out var position))
            {
                if (!opening.TryGetValue((alert.ClassId, alert.MaskedName), out var candidates) || candidates.Count == 0) continue;
                position = rotation.Position(candidates.Dequeue());
                studentOfCase[alert.CaseId] = position;
            }

            arrived.TryAdd(rotation.FlagOf(position, alert.FlagCount), push.Ticks);
        }

        return arrived;
    }
}
