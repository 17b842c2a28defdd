namespace CrisisHub.Contracts.Cases;

/// <summary>
/// One idempotency key of one reporter, keyed "{accountId}/{key}". A retried submission returns the first
/// receipt; the same key with a different body is refused, as payment APIs do.
/// </summary>
public interface IFlagSubmissionGrain : IGrainWithStringKey
{
    Task<IdempotentResult> SubmitAsync(FlagSubmission flag, string requestFingerprint);

    Task<FlagReceipt?> GetReceiptAsync();
}

[GenerateSerializer, Immutable]
public sealed record IdempotentResult(FlagReceipt? Receipt, bool Replayed, bool KeyReusedWithDifferentBody);
