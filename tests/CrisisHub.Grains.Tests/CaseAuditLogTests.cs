using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Audit;
using CrisisHub.Grains.Cases;

namespace CrisisHub.Grains.Tests;

/// <summary>A case's audit records live in the append-only log; the case's stored state keeps only the chain's head.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CaseAuditLogTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    /// <summary>A General case: its first step texts nobody, so nothing but the test writes the case while it runs.</summary>
    private async Task<(IStudentCaseGrain Grain, string Stream)> OpenQuietCaseAsync()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(CrisisGrade.General, ObservedSign.Distress))).CaseId;
        var grain = _grains.GetGrain<IStudentCaseGrain>(caseId);
        (await grain.ReadAsync(TestNetwork.HeadTeacher)).Texts.ShouldBeEmpty();
        return (grain, $"case:{caseId}");
    }

    /// <summary>The case's state as its storage holds it (not the activation's copy in memory).</summary>
    private async Task<(StudentCaseState State, string? ETag)> StoredAsync(IStudentCaseGrain grain)
    {
        var stored = new GrainState<StudentCaseState>(new StudentCaseState());
        await fixture.Storage(StorageNames.Cases).ReadStateAsync("case", grain.GetGrainId(), stored);
        return (stored.State!, stored.ETag);
    }

    [Fact]
    public async Task AReadAppendsOneRecordToTheLogAndNeverRewritesTheCase()
    {
        var (grain, stream) = await OpenQuietCaseAsync();
        var before = await StoredAsync(grain);
        var logged = (await fixture.AuditLog.ReadAsync(stream)).Count;

        for (var i = 0; i < 20; i++) await grain.ReadAsync(TestNetwork.HeadTeacher);

        var records = await fixture.AuditLog.ReadAsync(stream);
        records.Count.ShouldBe(logged + 20);
        records[^1].Action.ShouldBe(AuditActions.CaseRead);
        var after = await StoredAsync(grain);
        after.ETag.ShouldBe(before.ETag, "a read must not write the case's state");
        after.State.Audit.ShouldBeEmpty();
        after.State.AuditHead.ShouldNotBeNull().ShouldBe(before.State.AuditHead, "the stored head is a cache the reads leave behind");
        var trail = await grain.ReadAuditAsync(TestNetwork.HeadTeacher);
        trail.Verification.Intact.ShouldBeTrue(trail.Verification.Problem);
        trail.Records.Length.ShouldBe(logged + 21);
    }

    [Fact]
    public async Task AlteringARecordInTheLogBreaksTheVerificationAtThatRecord()
    {
        var (grain, stream) = await OpenQuietCaseAsync();
        (await grain.ReadAuditAsync(TestNetwork.HeadTeacher)).Verification.Intact.ShouldBeTrue();

        await fixture.TamperAsync(stream, 2, r => r with { ActorId = "someone-else" });

        var trail = await grain.ReadAuditAsync(TestNetwork.HeadTeacher);
        trail.Verification.Intact.ShouldBeFalse();
        trail.Verification.FirstBrokenSequence.ShouldBe(2);
    }

    [Fact]
    public async Task ACommandWhoseAppendConflictsFailsAndStoresNothingOfItsChange()
    {
        var (grain, stream) = await OpenQuietCaseAsync();
        var before = await StoredAsync(grain);
        // Another activation of the case (this one is stale) extended the chain behind its back.
        var head = await fixture.AuditLog.LastAsync(stream);
        await fixture.AuditLog.AppendAsync(stream, [AuditChain.Next(AuditHead.Of(head!), fixture.Clock.GetUtcNow(), TestNetwork.Monitor, AuditActions.CaseRead, null, null)]);

        await Should.ThrowAsync<AuditLogConflictException>(() => grain.RecordActionAsync(TestNetwork.HeadTeacher, CaseActionKind.TalkedWithStudent, "stale"));

        (await StoredAsync(grain)).ETag.ShouldBe(before.ETag);
        // The next call finds a fresh activation that takes the chain up where the log ends.
        (await grain.ReadAsync(TestNetwork.HeadTeacher)).Actions.ShouldBeEmpty();
        var trail = await grain.ReadAuditAsync(TestNetwork.HeadTeacher);
        trail.Verification.Intact.ShouldBeTrue(trail.Verification.Problem);
        trail.Records.ShouldNotContain(r => r.Action == AuditActions.ActionRecorded);
    }

    [Fact]
    public async Task ACaseStoredWithItsTrailInStateMovesItToTheLogOnActivationAndStillVerifies()
    {
        // A case as an earlier version stored it: its whole chain in its state, nothing in the log, no head.
        var (source, sourceStream) = await OpenQuietCaseAsync();
        await source.CloseAsync(TestNetwork.HeadTeacher, "resolved");
        var legacy = (await StoredAsync(source)).State;
        legacy.Audit = [.. await fixture.AuditLog.ReadAsync(sourceStream)];
        legacy.AuditHead = null;
        var caseId = $"c-legacy-{Guid.NewGuid():N}";
        legacy.CaseId = caseId;
        var grain = _grains.GetGrain<IStudentCaseGrain>(caseId);
        await fixture.Storage(StorageNames.Cases).WriteStateAsync("case", grain.GetGrainId(), new GrainState<StudentCaseState>(legacy));

        var trail = await grain.ReadAuditAsync(TestNetwork.HeadTeacher);

        trail.Verification.Intact.ShouldBeTrue(trail.Verification.Problem);
        trail.Records.Length.ShouldBe(legacy.Audit.Count + 1);
        trail.Records[..legacy.Audit.Count].Select(r => r.Hash).ShouldBe(legacy.Audit.Select(r => r.Hash));
        (await fixture.AuditLog.ReadAsync($"case:{caseId}")).Count.ShouldBe(legacy.Audit.Count + 1);
        var stored = (await StoredAsync(grain)).State;
        stored.Audit.ShouldBeEmpty();
        stored.AuditHead.ShouldBe(AuditHead.Of(legacy.Audit[^1]));
    }

    [Fact]
    public async Task RecordsCutFromTheEndOfTheLogAreReportedForGoodWhileTheCaseStillWorks()
    {
        // A case whose stored head says record N was written, over a log that ends before N.
        var (source, sourceStream) = await OpenQuietCaseAsync();
        await source.CloseAsync(TestNetwork.HeadTeacher, "resolved");
        var stored = (await StoredAsync(source)).State;
        var full = await fixture.AuditLog.ReadAsync(sourceStream);
        stored.AuditHead = AuditHead.Of(full[^1]);
        var caseId = $"c-cut-{Guid.NewGuid():N}";
        stored.CaseId = caseId;
        await fixture.AuditLog.AppendAsync($"case:{caseId}", [.. full.Take(full.Count - 2)]);
        var grain = _grains.GetGrain<IStudentCaseGrain>(caseId);
        await fixture.Storage(StorageNames.Cases).WriteStateAsync("case", grain.GetGrainId(), new GrainState<StudentCaseState>(stored));

        var trail = await grain.ReadAuditAsync(TestNetwork.HeadTeacher);
        var again = await grain.ReadAuditAsync(TestNetwork.HeadTeacher);

        trail.Verification.Intact.ShouldBeFalse();
        trail.Verification.Problem!.ShouldContain("records were removed");
        again.Verification.Intact.ShouldBeFalse("the loss is kept, though the chain goes on from the shortened log");
        again.Records.Length.ShouldBe(full.Count - 2 + 2, "each read is still recorded");
    }
}
