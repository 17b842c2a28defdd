using CrisisHub.Contracts.Audit;
using CrisisHub.Grains.Audit;

namespace CrisisHub.Grains.Tests;

public sealed class AuditChainTests
{
    private static List<AuditRecord> Trail()
    {
        var trail = new List<AuditRecord>();
        var at = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        AuditChain.Append(trail, at, Actor.System, "CaseOpened", null, "grade=Severe");
        AuditChain.Append(trail, at.AddMinutes(1), new Actor("t1", "T", Contracts.Network.ResponderRole.HeadTeacher), "AlertAcknowledged", "status=Open", "status=Acknowledged");
        AuditChain.Append(trail, at.AddMinutes(2), Actor.System, "CaseRead", null, null);
        return trail;
    }

    [Fact]
    public void AnUntouchedChainVerifies() => AuditChain.Verify(Trail()).Intact.ShouldBeTrue();

    [Fact]
    public void AnAlteredFieldIsReportedAtItsRecord()
    {
        var trail = Trail();
        trail[1] = trail[1] with { ActorId = "someone-else" };

        var result = AuditChain.Verify(trail);

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(2);
    }

    [Fact]
    public void ARemovedRecordIsReported()
    {
        var trail = Trail();
        trail.RemoveAt(1);

        AuditChain.Verify(trail).FirstBrokenSequence.ShouldBe(3);
    }

    [Fact]
    public void MovingTextBetweenFieldsChangesTheHash()
    {
        var trail = Trail();
        trail[1] = trail[1] with { Before = "status=Open status=Acknowledged", After = "" };

        AuditChain.Verify(trail).Intact.ShouldBeFalse();
    }
}
