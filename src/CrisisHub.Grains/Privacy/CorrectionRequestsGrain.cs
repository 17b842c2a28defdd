using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Privacy;

[GenerateSerializer, Alias("CrisisHub.CorrectionRequestsState")]
public sealed class CorrectionRequestsState
{
    [Id(0)] public List<CorrectionRequest> Requests { get; set; } = [];
}

/// <summary>Takes down correction requests and their outcomes; the district's admin audit chain records both.</summary>
public sealed class CorrectionRequestsGrain(
    [PersistentState("corrections", StorageNames.AdminAudit)] IPersistentState<CorrectionRequestsState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, ICorrectionRequestsGrain
{
    public const int MaxText = 2000;
    public const int MaxRequests = 200;

    public async Task<CorrectionRequest> RecordAsync(Actor actor, CorrectionInput input)
    {
        Check("requestedBy", input.RequestedBy, 100);
        Check("what", input.What, MaxText);
        Check("requested", input.Requested, MaxText);
        if (state.State.Requests.Count >= MaxRequests) throw DomainRuleException.Conflict("This student has too many correction requests on record.");
        var request = new CorrectionRequest($"cr-{Guid.NewGuid():N}"[..15], this.GetPrimaryKeyString(), input.RequestedBy.Trim(), input.What.Trim(),
            input.Requested.Trim(), actor.ActorId, time.GetUtcNow(), null);
        await AuditAsync(actor, input.DistrictId, AdminAuditActions.CorrectionRequested, null, request);
        state.State.Requests.Add(request);
        await state.WriteStateAsync();
        return request;
    }

    public async Task<CorrectionRequest> DecideAsync(Actor actor, string districtId, string requestId, CorrectionOutcome outcome, string response)
    {
        Check("response", response, MaxText);
        var index = state.State.Requests.FindIndex(r => r.RequestId == requestId);
        if (index < 0) throw DomainRuleException.NotFound("No such correction request.");
        var request = state.State.Requests[index];
        if (request.Decision is not null) throw DomainRuleException.Conflict("This correction request is already decided.");
        var decided = request with { Decision = new CorrectionDecision(outcome, response.Trim(), actor.ActorId, time.GetUtcNow()) };
        await AuditAsync(actor, districtId, AdminAuditActions.CorrectionDecided, request, decided);
        state.State.Requests[index] = decided;
        await state.WriteStateAsync();
        return decided;
    }

    public Task<CorrectionRequest[]> ListAsync() => Task.FromResult<CorrectionRequest[]>([.. state.State.Requests]);

    private static void Check(string field, string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > max) throw DomainRuleException.Invalid(field, $"is required (at most {max} characters)");
    }

    private Task AuditAsync(Actor actor, string districtId, string action, CorrectionRequest? before, CorrectionRequest after) =>
        PrivacyAudit.AppendAsync(GrainFactory, districtId, actor, action, $"student:{this.GetPrimaryKeyString()}", before, after);
}
