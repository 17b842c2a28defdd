using CrisisHub.Contracts;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Network;

namespace CrisisHub.Grains.Referrals;

[GenerateSerializer, Alias("CrisisHub.HospitalState")]
public sealed class HospitalState
{
    [Id(0)] public HospitalDefinition? Definition { get; set; }
    [Id(1)] public Dictionary<string, ReferralSummary> Queue { get; set; } = [];
}

/// <summary>A designated hospital's liaison desk: its definition and the live queue of referrals addressed to it.</summary>
public sealed class HospitalGrain(
    [PersistentState("hospital", StorageNames.Referrals)] IPersistentState<HospitalState> state) : Grain, IHospitalGrain
{
    public const int MaxText = 200;

    public async Task<HospitalDefinition> DefineAsync(HospitalDefinition definition)
    {
        var id = this.GetPrimaryKeyString();
        if (definition.HospitalId != id) throw DomainRuleException.Invalid("hospitalId", "does not match the address");
        if (state.State.Definition is { } known && known.DistrictId != definition.DistrictId)
            throw DomainRuleException.Conflict($"Hospital {id} belongs to district {known.DistrictId}; it cannot move.");
        // Node and hospital ids share the claims an account carries: a hospital may not take a node's id (nor a node a hospital's).
        if (state.State.Definition is null && await GrainFactory.GetGrain<IWarningNodeGrain>(id).GetAsync() is not null)
            throw DomainRuleException.Invalid("hospitalId", $"'{id}' is already a warning-network node's id; hospital and node ids must differ");
        var district = await GrainFactory.GetGrain<IWarningNodeGrain>(definition.DistrictId).GetAsync();
        if (district is not { Level: NetworkLevel.District }) throw DomainRuleException.Invalid("districtId", $"'{definition.DistrictId}' is not a district");
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > MaxText) throw DomainRuleException.Invalid("name", "is required (at most 200 characters)");
        if (!PhoneNumberRules.TryNormalize(definition.Phone, out var phone)) throw DomainRuleException.Invalid("phone", "is not a valid phone number");
        if (string.IsNullOrWhiteSpace(definition.Hours) || definition.Hours.Length > MaxText) throw DomainRuleException.Invalid("hours", "is required (at most 200 characters), e.g. 24/7");
        var grades = definition.AcceptedGrades.Distinct().ToArray();
        if (grades.Length == 0 || grades.Any(g => !ReferralRules.MayBeReferred(g)))
            throw DomainRuleException.Invalid("acceptedGrades", "must name Severe, Major or both: the green channel is for those grades");

        var saved = definition with { Name = definition.Name.Trim(), Phone = phone, Hours = definition.Hours.Trim(), AcceptedGrades = grades };
        state.State.Definition = saved;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IGreenChannelGrain>(saved.DistrictId).TrackHospitalAsync(saved);
        return saved;
    }

    public Task<HospitalDefinition?> GetAsync() => Task.FromResult(state.State.Definition);

    public Task<bool> IsDeskAccountAsync(string userName) =>
        Task.FromResult(state.State.Definition?.DeskAccounts.Contains(userName, StringComparer.Ordinal) ?? false);

    public async Task TrackReferralAsync(ReferralSummary summary)
    {
        // Updates can arrive out of order after a retry: keep the newest.
        if (state.State.Queue.TryGetValue(summary.ReferralId, out var known) && known.Version > summary.Version) return;
        state.State.Queue[summary.ReferralId] = summary;
        await state.WriteStateAsync();
    }

    public Task<ReferralSummary[]> GetQueueAsync() => Task.FromResult<ReferralSummary[]>(
        [.. state.State.Queue.Values.OrderByDescending(r => r.Status.IsOpen()).ThenBy(r => r.CurrentDeadline ?? DateTimeOffset.MaxValue).ThenBy(r => r.RequestedAt)]);
}
