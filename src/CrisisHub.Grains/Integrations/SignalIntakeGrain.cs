using CrisisHub.Contracts.Integrations.Signals;

namespace CrisisHub.Grains.Integrations;

[GenerateSerializer, Alias("CrisisHub.SignalIntakeState")]
public sealed class SignalIntakeState
{
    [Id(0)] public string? Fingerprint { get; set; }
    [Id(1)] public IncomingSignal? Signal { get; set; }
    [Id(2)] public SignalReceipt? Receipt { get; set; }
    [Id(3)] public string? CaseId { get; set; }
    [Id(4)] public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>
/// One submission of a signal by one client, keyed "{clientId}/{Idempotency-Key}". The signal is stored before it is
/// delivered, so a retry after a crash delivers the very same signal (same id) again, and the deliveries themselves
/// are idempotent on that id. It calls no other grain: the server delivers and tells it the outcome.
/// </summary>
public sealed class SignalIntakeGrain(
    [PersistentState("signal", StorageNames.Intake)] IPersistentState<SignalIntakeState> state) : Grain, ISignalIntakeGrain
{
    public async Task<SignalSubmission> BeginAsync(IncomingSignal signal, string fingerprint)
    {
        var s = state.State;
        if (s.Fingerprint is not null && s.Fingerprint != fingerprint) return new SignalSubmission(null, null, KeyReusedWithDifferentBody: true);
        if (s.Signal is null)
        {
            s.Fingerprint = fingerprint;
            s.Signal = signal with { SignalId = SignalIdOf(this.GetPrimaryKeyString()) };
            await state.WriteStateAsync();
        }

        return new SignalSubmission(s.Signal, s.Receipt, KeyReusedWithDifferentBody: false);
    }

    public async Task CompleteAsync(SignalReceipt receipt, string? caseId, DateTimeOffset? deliveredAt)
    {
        var s = state.State;
        if (s.Receipt == receipt && (caseId is null || s.CaseId is not null)) return;
        s.Receipt = receipt;
        // The first delivery to a case is the one kept: a retry repeats it, never moves it.
        if (s.CaseId is null && caseId is not null) (s.CaseId, s.DeliveredAt) = (caseId, deliveredAt);
        // Done with (on a case, or dismissed): a retry is answered from the receipt, so the content need not stay here.
        if (receipt.Status != SignalStatus.AwaitingMatch) s.Signal = s.Signal?.Minimised();
        await state.WriteStateAsync();
    }

    public Task<SignalReceipt?> GetReceiptAsync() => Task.FromResult(state.State.Receipt);

    public Task<SignalDelivered> GetDeliveryAsync() => Task.FromResult(new SignalDelivered(state.State.Signal, state.State.CaseId, state.State.DeliveredAt));

    /// <summary>A signal's id: "sig-" and 24 hex digits of its submission key's hash, the same for every retry.</summary>
    public static string SignalIdOf(string submissionKey) =>
        "sig-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(submissionKey)).AsSpan(0, 12));
}
