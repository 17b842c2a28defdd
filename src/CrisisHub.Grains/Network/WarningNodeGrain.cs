using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Escalation;
using Microsoft.Extensions.Options;

namespace CrisisHub.Grains.Network;

public sealed class WarningNodeGrain(
    [PersistentState("node", StorageNames.Network)] IPersistentState<WarningNodeState> state,
    IOptions<PolicyLimits> limits) : Grain, IWarningNodeGrain
{
    private string NodeId => this.GetPrimaryKeyString();
    private WarningNodeState S => state.State;

    public async Task<WarningNodeView> DefineAsync(WarningNodeDefinition definition)
    {
        if (definition.NodeId != NodeId) throw DomainRuleException.Invalid("nodeId", "does not match the node addressed");
        if (!NodeRules.IsValidId(NodeId)) throw DomainRuleException.Invalid("nodeId", "must be 1-64 lower-case letters, digits or '-'");
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 100)
            throw DomainRuleException.Invalid("name", "is required (at most 100 characters)");
        if (!Enum.IsDefined(definition.Level)) throw DomainRuleException.Invalid("level", "is not a network level");

        if (S.Defined)
        {
            if (S.Level != definition.Level || S.ParentId != definition.ParentId)
                throw DomainRuleException.Conflict($"Node {NodeId} exists as {S.Level} under '{S.ParentId}'; level and parent cannot change.");
            S.Name = definition.Name;
            await state.WriteStateAsync();
            return View();
        }

        // Node and hospital ids share the claims an account carries: a node may not take a hospital's id (nor a hospital a node's).
        if (await GrainFactory.GetGrain<IHospitalGrain>(NodeId).GetAsync() is not null)
            throw DomainRuleException.Invalid("nodeId", $"'{NodeId}' is a designated hospital's id; node and hospital ids must differ");
        var parentLevel = NodeRules.ParentLevelOf(definition.Level);
        WarningNodeView? parent = null;
        if (parentLevel is null)
        {
            if (definition.ParentId is not null) throw DomainRuleException.Invalid("parentId", "a district has no parent");
        }
        else
        {
            if (definition.ParentId is null) throw DomainRuleException.Invalid("parentId", $"a {definition.Level} node needs a {parentLevel} parent");
            parent = await GrainFactory.GetGrain<IWarningNodeGrain>(definition.ParentId).GetAsync();
            if (parent is null) throw DomainRuleException.Invalid("parentId", $"parent '{definition.ParentId}' does not exist");
            if (parent.Level != parentLevel)
                throw DomainRuleException.Invalid("parentId", $"a {definition.Level} node's parent must be a {parentLevel}, not a {parent.Level}");
        }

        S.Defined = true;
        S.Level = definition.Level;
        S.Name = definition.Name;
        S.ParentId = definition.ParentId;
        S.DistrictId = parent?.DistrictId ?? NodeId;
        S.SchoolId = definition.Level == NetworkLevel.School ? NodeId : parent?.SchoolId;
        await state.WriteStateAsync();

        if (parent is not null) await GrainFactory.GetGrain<IWarningNodeGrain>(parent.NodeId).AddChildAsync(NodeId);
        await TrackInSchoolAsync();
        return View();
    }

    public Task<WarningNodeView?> GetAsync() => Task.FromResult(S.Defined ? View() : null);

    public async Task<WarningNodeView> SetRespondersAsync(Responder[] responders)
    {
        EnsureDefined();
        S.Responders = [.. NodeRules.ValidateResponders(responders)];
        await state.WriteStateAsync();
        await TrackInSchoolAsync();
        return View();
    }

    public async Task AddChildAsync(string childId)
    {
        EnsureDefined();
        if (S.ChildIds.Contains(childId)) return;
        S.ChildIds.Add(childId);
        await state.WriteStateAsync();
    }

    public async Task AddStudentAsync(string studentId)
    {
        EnsureDefined();
        if (S.StudentIds.Contains(studentId)) return;
        S.StudentIds.Add(studentId);
        await state.WriteStateAsync();
    }

    public async Task TrackDescendantAsync(NodeSummary summary)
    {
        EnsureLevel(NetworkLevel.School);
        S.Descendants[summary.NodeId] = summary;
        await state.WriteStateAsync();
    }

    public Task<NodeSummary[]> GetDescendantsAsync() =>
        Task.FromResult<NodeSummary[]>([.. S.Descendants.Values]);

    public async Task SetPolicyAsync(EscalationPolicy policy)
    {
        EnsureLevel(NetworkLevel.School);
        var district = await GrainFactory.GetGrain<IWarningNodeGrain>(S.DistrictId).GetAsync();
        PolicyValidator.Validate(policy, NodeId, S.Descendants.Values, S.Responders.Count, district?.Responders.Length ?? 0, limits.Value);
        // Web push is always on: a policy can add channels, never take the live alert away.
        var channels = policy.Steps.Select(s => s with
        {
            Channels = [DeliveryChannel.WebPush, .. s.Channels.Where(c => c != DeliveryChannel.WebPush).Distinct()],
        });
        S.Policies[policy.Grade] = policy with { Steps = [.. channels] };
        await state.WriteStateAsync();
    }

    public Task<EscalationPolicy> GetPolicyAsync(CrisisGrade grade)
    {
        EnsureLevel(NetworkLevel.School);
        return Task.FromResult(S.Policies.TryGetValue(grade, out var policy) ? policy
            : DefaultPolicies.For(NodeId, grade, S.Descendants.Values.Any(n => n.Level == NetworkLevel.Dormitory)));
    }

    public async Task<EscalationPolicy[]> GetPoliciesAsync()
    {
        var policies = new List<EscalationPolicy>();
        foreach (var grade in Enum.GetValues<CrisisGrade>()) policies.Add(await GetPolicyAsync(grade));
        return [.. policies];
    }

    private async Task TrackInSchoolAsync()
    {
        if (S.SchoolId is null || S.Level is NetworkLevel.School or NetworkLevel.District) return;
        await GrainFactory.GetGrain<IWarningNodeGrain>(S.SchoolId)
            .TrackDescendantAsync(new NodeSummary(NodeId, S.Level, S.Name, S.Responders.Count));
    }

    private void EnsureDefined()
    {
        if (!S.Defined) throw DomainRuleException.NotFound($"Node '{NodeId}' does not exist.");
    }

    private void EnsureLevel(NetworkLevel level)
    {
        EnsureDefined();
        if (S.Level != level) throw DomainRuleException.Invalid("nodeId", $"'{NodeId}' is a {S.Level}, not a {level}");
    }

    private WarningNodeView View() => new(NodeId, S.Level, S.Name, S.ParentId, S.SchoolId, S.DistrictId,
        [.. S.Responders], [.. S.ChildIds], [.. S.StudentIds]);
}
