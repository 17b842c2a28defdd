using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
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
    public void ARedactedChainStillVerifiesAndKeepsItsHashes()
    {
        var trail = Trail();
        var redacted = trail.Select(AuditChain.Redact).ToList();

        redacted.ShouldAllBe(r => r.Before == null && r.After == null && r.Redacted);
        redacted.Select(r => r.Hash).ShouldBe(trail.Select(r => r.Hash));
        AuditChain.Verify(redacted).Intact.ShouldBeTrue();
        redacted.Select(AuditChain.Redact).ShouldBe(redacted, "a repeat changes nothing");
    }

    [Fact]
    public void APayloadChangedOrSlippedBackIntoARedactedRecordIsReported()
    {
        var altered = Trail();
        altered[1] = altered[1] with { After = "status=Closed" };
        AuditChain.Verify(altered).FirstBrokenSequence.ShouldBe(2);

        var refilled = Trail().Select(AuditChain.Redact).ToList();
        refilled[0] = refilled[0] with { After = "grade=Watch" };
        AuditChain.Verify(refilled).FirstBrokenSequence.ShouldBe(1, "a redacted record carries no text");

        var unredacted = Trail().Select(AuditChain.Redact).ToList();
        unredacted[1] = unredacted[1] with { Redacted = false };
        AuditChain.Verify(unredacted).FirstBrokenSequence.ShouldBe(2, "blank text must match the digest when not marked redacted");
    }

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

    private static readonly AuditStep SecondStep = new(1, 0, 4, [NetworkLevel.Grade], new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero));

    [Fact]
    public void AChainStoredBeforeStepsWereRecordedStillReadsAndVerifies()
    {
        // Two records as the SQLite store held them before AuditRecord had a Step (hashes from that version).
        const string stored = """
            [{"Sequence":1,"At":"2026-11-23T08:00:00+00:00","ActorId":"system","ActorRole":"System","Action":"AlertRaised","Before":null,
              "After":"grade=Severe; step=1/4; round=1; levels=Dormitory+Class; deadline=2026-11-23T08:15:00.0000000+00:00",
              "PreviousHash":"0000000000000000000000000000000000000000000000000000000000000000",
              "Hash":"749721f1284d827b6e571c5fca67411fa53a1c4b707468fae3908714ae2d6fa7"},
             {"Sequence":2,"At":"2026-11-23T08:01:00+00:00","ActorId":"t1","ActorRole":"HeadTeacher","Action":"AlertAcknowledged","Before":"status=Open; step=1",
              "After":"status=Acknowledged; owner=t1","PreviousHash":"749721f1284d827b6e571c5fca67411fa53a1c4b707468fae3908714ae2d6fa7","Hash":"d0dead666f328ef8bf535a29f16020984e4065aa17f856c5d48b14dc18932e51"}]
            """;
        var trail = JsonSerializer.Deserialize<List<AuditRecord>>(stored)!;

        trail.ShouldAllBe(r => r.Step == null);
        AuditChain.Verify(trail).Intact.ShouldBeTrue();
        // And a new record with a step links onto the old chain.
        AuditChain.Append(trail, new DateTimeOffset(2026, 11, 23, 8, 2, 0, TimeSpan.Zero), Actor.System, "AlertEscalated", null, "grade=Severe", SecondStep);
        AuditChain.Verify(trail).Intact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("index")]
    [InlineData("round")]
    [InlineData("deadline")]
    [InlineData("levels")]
    [InlineData("removed")]
    public void AlteringARecordedStepBreaksTheChain(string alteration)
    {
        var trail = Trail();
        AuditChain.Append(trail, new DateTimeOffset(2026, 11, 23, 8, 3, 0, TimeSpan.Zero), Actor.System, "AlertEscalated", null, "grade=Severe", SecondStep);
        AuditChain.Verify(trail).Intact.ShouldBeTrue();

        var step = trail[3].Step!;
        trail[3] = trail[3] with
        {
            Step = alteration switch
            {
                "index" => step with { StepIndex = 2 },
                "round" => step with { Round = 1 },
                "deadline" => step with { Deadline = step.Deadline!.Value.AddMinutes(15) },
                "levels" => step with { Levels = [NetworkLevel.Grade, NetworkLevel.School] },
                _ => null,
            },
        };

        AuditChain.Verify(trail).FirstBrokenSequence.ShouldBe(4);
    }
}
