using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Server.Push;

namespace CrisisHub.Server.Tests.Push;

/// <summary>Which alert changes are pushed: a step that fired at some nodes, outside the canary's district.</summary>
public sealed class AlertPushTests
{
    private static AlertNotification Notification(AlertEventKind kind, string[]? fired, string district = "td") => new(kind,
        new AlertSummary("c-1", "张*", "ts1", "ts1-g1-c1", CrisisGrade.Severe, CaseStatus.Open, AlertState.Triggered, 0, 0, [NetworkLevel.Class],
            null, false, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, null),
        ["ts1-g1-c1"], "ts1", district, DateTimeOffset.UnixEpoch, 1, "c-1:1", FiredNodeIds: fired);

    [Theory]
    [InlineData(AlertEventKind.Raised, true)]
    [InlineData(AlertEventKind.Escalated, true)]
    [InlineData(AlertEventKind.Retriggered, true)]
    [InlineData(AlertEventKind.Acknowledged, false)]
    [InlineData(AlertEventKind.CaseUpdated, false)]
    [InlineData(AlertEventKind.Exhausted, false)]
    public void OnlyAStepThatFiredIsPushed(AlertEventKind kind, bool pushed) =>
        AlertPush.Notifies(Notification(kind, ["ts1-g1-c1"])).ShouldBe(pushed);

    [Fact]
    public void AChangeThatFiredAtNoNodeIsNotPushed()
    {
        AlertPush.Notifies(Notification(AlertEventKind.Raised, null)).ShouldBeFalse();
        AlertPush.Notifies(Notification(AlertEventKind.Raised, [])).ShouldBeFalse();
    }

    [Fact]
    public void TheCanarysAlertsNeverReachAPhone() =>
        AlertPush.Notifies(Notification(AlertEventKind.Raised, ["ts1-g1-c1"], SyntheticDistrict.Id)).ShouldBeFalse();
}
