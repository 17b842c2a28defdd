using CrisisHub.Contracts;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Integrations;

[GenerateSerializer, Alias("CrisisHub.IntegrationClientListState")]
public sealed class IntegrationClientListState
{
    [Id(0)] public List<string> ClientIds { get; set; } = [];
}

/// <summary>
/// The clients a district admitted. Registration checks that every school named is a school of this district (asked of
/// the network, not taken from the request), then lets the new client's grain make its first key. The list grows by one
/// id per registration, an administrator's rare act, never per call.
/// </summary>
public sealed class IntegrationClientListGrain(
    [PersistentState("integration-clients", StorageNames.Identity)] IPersistentState<IntegrationClientListState> state) : Grain, IIntegrationClientListGrain
{
    public async Task<IntegrationClientIssued> RegisterAsync(IntegrationClientRegistration registration, string registeredBy)
    {
        IntegrationRules.Validate(registration);
        var districtId = this.GetPrimaryKeyString();
        var schools = await Task.WhenAll(registration.SchoolIds.Distinct().Select(id => GrainFactory.GetGrain<IWarningNodeGrain>(id).GetAsync()));
        var strangers = registration.SchoolIds.Distinct()
            .Where((id, i) => schools[i] is not { Level: NetworkLevel.School } school || school.DistrictId != districtId).ToArray();
        if (strangers.Length > 0)
            throw DomainRuleException.Invalid("schoolIds", $"{string.Join(", ", strangers)}: not a school of district '{districtId}'");

        var clientId = IntegrationKeys.NewClientId();
        var issued = await GrainFactory.GetGrain<IIntegrationClientGrain>(clientId).CreateAsync(districtId, registration, registeredBy);
        state.State.ClientIds.Add(clientId);
        await state.WriteStateAsync();
        return issued;
    }

    public async Task<IntegrationClientView[]> ListAsync()
    {
        var views = await Task.WhenAll(state.State.ClientIds.Select(id => GrainFactory.GetGrain<IIntegrationClientGrain>(id).GetAsync()));
        return [.. views.OfType<IntegrationClientView>()];
    }
}
