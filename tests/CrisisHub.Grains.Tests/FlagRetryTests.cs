using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Cases;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// Nothing is stored by the submission before its flag is delivered: the flag's id follows from the submission's
/// key, so a retry after a crash at any point carries the same flag and the case recognises it.
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
}
