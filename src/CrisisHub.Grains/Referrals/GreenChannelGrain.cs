using CrisisHub.Contracts;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Referrals;

[GenerateSerializer, Alias("CrisisHub.GreenChannelState")]
public sealed class GreenChannelState
{
    [Id(0)] public List<HospitalDefinition> Hospitals { get; set; } = [];
    [Id(1)] public GreenChannelSettings? Settings { get; set; }
}

/// <summary>A district's green channel: the list of its designated hospitals and its deadline settings.</summary>
public sealed class GreenChannelGrain(
    [PersistentState("greenchannel", StorageNames.Referrals)] IPersistentState<GreenChannelState> state) : Grain, IGreenChannelGrain
{
    private static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(7);

    public async Task TrackHospitalAsync(HospitalDefinition hospital)
    {
        state.State.Hospitals.RemoveAll(h => h.HospitalId == hospital.HospitalId);
        state.State.Hospitals.Add(hospital);
        await state.WriteStateAsync();
    }

    public Task<HospitalDefinition[]> GetHospitalsAsync() =>
        Task.FromResult<HospitalDefinition[]>([.. state.State.Hospitals.OrderBy(h => h.Name, StringComparer.Ordinal)]);

    public Task<GreenChannelSettings> GetSettingsAsync() => Task.FromResult(state.State.Settings ?? GreenChannelSettings.Default);

    public async Task<GreenChannelSettings> SetSettingsAsync(GreenChannelSettings settings)
    {
        Validate(settings.Major, "major");
        Validate(settings.Severe, "severe");
        if (settings.CaringContactWithin <= TimeSpan.Zero || settings.CaringContactWithin > LongestDeadline)
            throw DomainRuleException.Invalid("caringContactWithin", "must be more than zero and at most 7 days");
        if (settings.CheckInInterval < TimeSpan.FromDays(1) || settings.CheckInInterval > TimeSpan.FromDays(31))
            throw DomainRuleException.Invalid("checkInInterval", "must be between 1 and 31 days");
        if (settings.CheckInCount is < 1 or > 26)
            throw DomainRuleException.Invalid("checkInCount", "must be between 1 and 26");
        state.State.Settings = settings;
        await state.WriteStateAsync();
        return settings;
    }

    private static void Validate(ReferralDeadlineRule[] rules, string field)
    {
        if (rules.Length == 0) throw DomainRuleException.Invalid(field, "needs at least one deadline: a missed step must alert someone");
        foreach (var rule in rules)
        {
            if (rule.Reach.Rank() < 0 || rule.From.Rank() < 0 || rule.From.Rank() >= rule.Reach.Rank())
                throw DomainRuleException.Invalid(field, $"{rule.Reach} from {rule.From}: the clock must start at an earlier step of the main path");
            if (rule.Within <= TimeSpan.Zero || rule.Within > LongestDeadline)
                throw DomainRuleException.Invalid(field, $"{rule.Reach}: the time allowed must be more than zero and at most 7 days");
        }

        if (rules.Select(r => r.Reach).Distinct().Count() != rules.Length)
            throw DomainRuleException.Invalid(field, "has two deadlines for the same step");
    }
}
