using System.Security.Cryptography;
using CrisisHub.Contracts.Audit;
using CrisisHub.Grains.Audit;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// The plain classes that decide: a chain judged against the anchors that mention it (intact, broken, truncated,
/// rewritten, anchor forged), and anchors signed and checked under a key ring that rotates.
/// </summary>
public sealed class AnchorVerdictTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Actor Teacher = new("teacher-1", "Teacher", Contracts.Network.ResponderRole.HeadTeacher);
    private readonly AnchorKeyRing _keys = new(RandomNumberGenerator.GetBytes(32));

    private static List<AuditRecord> Chain(int length, string note = "")
    {
        var trail = new List<AuditRecord>();
        for (var i = 0; i < length; i++) AuditChain.Append(trail, At.AddMinutes(i), Teacher, AuditActions.CaseRead, null, $"read {i}{note}");
        return trail;
    }

    /// <summary>The anchor stream holding one anchor of the chain's head at <paramref name="sequence"/>, signed by <paramref name="keys"/>.</summary>
    private static List<AuditRecord> Anchors(AnchorKeyRing keys, params AnchoredHead[] heads)
    {
        var anchor = keys.Sign(new AuditAnchor(1, At.AddDays(1), "", heads, ""));
        return [AuditChain.Next(null, At.AddDays(1), Actor.System, AuditAnchors.Action, null, AnchorLedger.Serialize(anchor))];
    }

    private static AnchoredHead Head(IReadOnlyList<AuditRecord> chain, int sequence) => new("case:c-1", "d-1", sequence, chain[sequence - 1].Hash);

    private ChainVerdict Judge(IReadOnlyList<AuditRecord> stored, IReadOnlyList<AuditRecord> anchors, AnchorKeyRing? keys = null) =>
        ChainJudge.Judge(ChainReading.Of("case:c-1", stored), AnchorLedger.Read(anchors, keys ?? _keys).MentionsOf("case:c-1"));

    [Fact]
    public void AChainThatReachesItsAnchoredHeadAndGrewSinceIsIntact()
    {
        var chain = Chain(6);

        var verdict = Judge(chain, Anchors(_keys, Head(chain, 4)));

        verdict.Status.ShouldBe(ChainStatus.Intact);
        verdict.Anchored.ShouldBeTrue();
        verdict.AnchoredSequence.ShouldBe(4);
        verdict.LogSequence.ShouldBe(6);
    }

    [Fact]
    public void AChainCutShortOfItsAnchoredHeadIsTruncatedThoughWhatIsLeftStillLinks()
    {
        var chain = Chain(6);
        var anchors = Anchors(_keys, Head(chain, 5));

        var verdict = Judge(chain.Take(3).ToList(), anchors);

        AuditChain.Verify(chain.Take(3).ToList()).Intact.ShouldBeTrue("the shortened chain links on its own: only the anchor tells");
        verdict.Status.ShouldBe(ChainStatus.Truncated);
        verdict.Problem.ShouldBe("the chain ends at record 3, but anchor 1 recorded record 5: records were removed from its end");
    }

    [Fact]
    public void AChainRewrittenAndReHashedFromARecordOnIsRewritten()
    {
        var chain = Chain(6);
        var anchors = Anchors(_keys, Head(chain, 5));
        // Someone with write access changes record 2 and re-hashes everything after it: the chain links again.
        var forged = chain.Take(1).ToList();
        for (var i = 1; i < 6; i++) AuditChain.Append(forged, At.AddMinutes(i), Teacher, AuditActions.CaseRead, null, $"read {i} (changed)");

        var verdict = Judge(forged, anchors);

        AuditChain.Verify(forged).Intact.ShouldBeTrue();
        verdict.Status.ShouldBe(ChainStatus.Rewritten);
        verdict.Problem.ShouldBe("record 5 is not the one anchor 1 recorded: the chain was rewritten from there on");
    }

    [Fact]
    public void ARecordAlteredWithoutReHashingIsBroken()
    {
        var chain = Chain(6);
        var anchors = Anchors(_keys, Head(chain, 5));
        chain[2] = chain[2] with { After = "read 2, altered" };

        var verdict = Judge(chain, anchors);

        verdict.Status.ShouldBe(ChainStatus.Broken);
        verdict.Problem.ShouldBe("record 3's before or after was altered after it was written");
    }

    [Fact]
    public void AnAnchorAlteredAfterItWasSignedIsForgedAndSoAreTheChainsItMentions()
    {
        var chain = Chain(6);
        var anchors = Anchors(_keys, Head(chain, 5));
        // Lowering the anchored sequence would hide a truncation: the signature no longer verifies.
        var anchor = System.Text.Json.JsonSerializer.Deserialize<AuditAnchor>(anchors[0].After!, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        var lowered = anchor with { Heads = [Head(chain, 2)] };
        anchors[0] = AuditChain.Next(null, anchors[0].At, Actor.System, AuditAnchors.Action, null, AnchorLedger.Serialize(lowered));

        var verdict = Judge(chain.Take(2).ToList(), anchors);

        verdict.Status.ShouldBe(ChainStatus.AnchorForged);
        verdict.Problem.ShouldBe("anchor 1's signature does not verify: it was altered after it was signed");
        AnchorLedger.Read(anchors, _keys).Forged.ShouldBe([1L]);
    }

    [Fact]
    public void ASignedAnchorReplayedAtAnotherPlaceInTheStreamIsForged()
    {
        var chain = Chain(6);
        var first = Anchors(_keys, Head(chain, 2));
        // The same signed payload again as record 2, to pass an old head off as the newest.
        var replayed = first.Append(AuditChain.Next(AuditHead.Of(first[0]), At.AddDays(2), Actor.System, AuditAnchors.Action, null, first[0].After)).ToList();

        var ledger = AnchorLedger.Read(replayed, _keys);

        ledger.Forged.ShouldBe([2L]);
        ledger.Chain.Intact.ShouldBeTrue();
    }

    [Fact]
    public void AfterARotationAnchorsSignedWithTheOldKeyVerifyWhileItIsListedAndAreForgedOnceItIsNot()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var chain = Chain(6);
        var signedWithOld = Anchors(new AnchorKeyRing(oldKey), Head(chain, 5));

        var rotated = new AnchorKeyRing(newKey, [oldKey]);
        Judge(chain, signedWithOld, rotated).Status.ShouldBe(ChainStatus.Intact);
        rotated.CurrentKeyId.ShouldBe(AnchorKeyRing.IdOf(newKey));
        rotated.Sign(new AuditAnchor(2, At, "", [], "")).KeyId.ShouldBe(AnchorKeyRing.IdOf(newKey), "the new key signs");

        var forgotten = Judge(chain, signedWithOld, new AnchorKeyRing(newKey));
        forgotten.Status.ShouldBe(ChainStatus.AnchorForged);
        forgotten.Problem.ShouldBe($"anchor 1 names key '{AnchorKeyRing.IdOf(oldKey)}', which is not configured (list a rotated key in Privacy:PreviousAnchorKeys)");
    }

    [Fact]
    public void AChainNoAnchorMentionsIsJudgedOnItsOwnLinks()
    {
        var chain = Chain(3);

        var verdict = Judge(chain, []);

        verdict.Status.ShouldBe(ChainStatus.Intact);
        verdict.Anchored.ShouldBeFalse();
        verdict.AnchoredSequence.ShouldBeNull();
    }

    [Fact]
    public void AnAnchorIsStoredWithTheseNames()
    {
        // Anchors are stored as JSON inside their records: renaming a property would make every stored anchor unreadable.
        var json = AnchorLedger.Serialize(new AuditAnchor(7, At, "k-1", [new AnchoredHead("case:c-1", "d-1", 3, "abc")], "sig"));

        json.ShouldBe("""{"sequence":7,"at":"2026-11-23T08:00:00+00:00","keyId":"k-1","heads":[{"chain":"case:c-1","districtId":"d-1","sequence":3,"hash":"abc"}],"signature":"sig"}""");
    }
}
