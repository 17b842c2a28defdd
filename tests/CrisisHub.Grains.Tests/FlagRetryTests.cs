using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Cases;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// Nothing is stored before a flag is delivered: its id follows from the submission's key, and the case's id from
/// the flag, so a retry after a crash at any point names the same flag and the same case.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FlagRetryTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task ARetryAfterTheCaseTookTheFlagButBeforeTheReceiptWasStoredOpensNothingNew()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var key = $"{TestNetwork.Monitor.ActorId}/retry-{Guid.NewGuid():N}";
        var flag = net.Flag(ObservedSign.SelfHarm);
        // What the submission delivered before the crash: the flag under the id its key gives it.
        var delivered = await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(flag with { FlagId = FlagSubmissionGrain.FlagIdOf(key) });

        var retried = await _grains.GetGrain<IFlagSubmissionGrain>(key).SubmitAsync(flag with { FlagId = "a-new-request-id" }, "fingerprint");

        retried.Receipt!.CaseId.ShouldBe(delivered.CaseId);
        retried.Receipt.FlagId.ShouldBe(FlagSubmissionGrain.FlagIdOf(key));
        (await _grains.GetGrain<IStudentCaseGrain>(delivered.CaseId).ReadAsync(TestNetwork.HeadTeacher)).Flags.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task TheSameFlagNamesTheSameCaseAndAnotherFlagAnotherCase()
    {
        var first = await TestNetwork.CreateAsync(_grains);
        var second = await TestNetwork.CreateAsync(_grains);
        var flag = first.Flag(ObservedSign.Distress);

        var opened = await _grains.GetGrain<IStudentGrain>(first.Student).SubmitFlagAsync(flag);
        var again = await _grains.GetGrain<IStudentGrain>(first.Student).SubmitFlagAsync(flag);
        var elsewhere = await _grains.GetGrain<IStudentGrain>(second.Student).SubmitFlagAsync(second.Flag(ObservedSign.Distress));

        opened.OpenedNewCase.ShouldBeTrue();
        again.CaseId.ShouldBe(opened.CaseId);
        again.OpenedNewCase.ShouldBeFalse();
        elsewhere.CaseId.ShouldNotBe(opened.CaseId);
        opened.CaseId.ShouldMatch("^c-[2-9a-hj-np-z]{8}$");
    }
}
