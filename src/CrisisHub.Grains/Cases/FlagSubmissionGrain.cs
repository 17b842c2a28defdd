using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Cases;

[GenerateSerializer, Alias("CrisisHub.FlagSubmissionState")]
public sealed class FlagSubmissionState
{
    [Id(0)] public string? Fingerprint { get; set; }

    /// <summary>The flag as first accepted; a retry reuses its id so the case can recognise it.</summary>
    [Id(1)] public FlagSubmission? Flag { get; set; }
    [Id(2)] public FlagReceipt? Receipt { get; set; }
}

public sealed class FlagSubmissionGrain(
    [PersistentState("submission", StorageNames.Intake)] IPersistentState<FlagSubmissionState> state) : Grain, IFlagSubmissionGrain
{
    public async Task<IdempotentResult> SubmitAsync(FlagSubmission flag, string requestFingerprint)
    {
        var s = state.State;
        if (s.Fingerprint is not null && s.Fingerprint != requestFingerprint)
            return new IdempotentResult(null, Replayed: false, KeyReusedWithDifferentBody: true);
        if (s.Receipt is not null) return new IdempotentResult(s.Receipt, Replayed: true, KeyReusedWithDifferentBody: false);

        // The flag's id comes from this submission's key, so nothing needs storing before the flag is delivered:
        // if we crash after the case took it but before the receipt is stored, the retry carries the same id and
        // the case attaches nothing new. (A flag recorded by an earlier version, with a random id, is reused.) The price:
        // a key reused with a different body is refused only once the first receipt is stored; before that, the
        // case already holds the key's flag and ignores the second body.
        s.Flag ??= flag with { FlagId = FlagIdOf(this.GetPrimaryKeyString()) };
        s.Fingerprint ??= requestFingerprint;
        s.Receipt = await GrainFactory.GetGrain<IStudentGrain>(s.Flag.StudentId).SubmitFlagAsync(s.Flag);
        await state.WriteStateAsync();
        // Answered for good: a retry of the key reads the receipt from storage, so the activation need not wait for the idle timeout.
        DeactivateOnIdle();
        return new IdempotentResult(s.Receipt, Replayed: false, KeyReusedWithDifferentBody: false);
    }

    public Task<FlagReceipt?> GetReceiptAsync() => Task.FromResult(state.State.Receipt);

    /// <summary>The flag id of a submission key ("{account}/{Idempotency-Key}"): 32 hex digits, the same for every retry.</summary>
    public static string FlagIdOf(string submissionKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(submissionKey)).AsSpan(0, 16));
}
