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
        await ApplyDefinitionAsync(definition);
        await state.WriteStateAsync();
        if (S.ParentId is { } parentId) await GrainFactory.GetGrain<IWarningNodeGrain>(parentId).AddChildrenAsync([View()]);
        return View();
    }

    public async Task<WarningNodeView> DefineUnlistedAsync(WarningNodeDefinition definition, Responder[] responders)
    {
        var checkedResponders = NodeRules.ValidateResponders(responders);
        await ApplyDefinitionAsync(definition);
        S.Responders = [.. checkedResponders];
        await state.WriteStateAsync();
        return View();
    }

    /// <summary>Checks a definition against the node as stored and its parent, then applies it to the state (not yet written).</summary>
    private async Task ApplyDefinitionAsync(WarningNodeDefinition definition)
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
            return;
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

    public async Task AddChildrenAsync(WarningNodeView[] children)
    {
        EnsureDefined();
        if (children.FirstOrDefault(c => c.ParentId != NodeId) is { } stranger)
            throw DomainRuleException.Invalid("parentId", $"'{stranger.NodeId}' is not a child of '{NodeId}'");
        var added = AddMissing(S.ChildIds, children.Select(c => c.NodeId));
        NodeSummary[] summaries = [.. children.Where(c => IsTrackedInSchool(c.Level)).Select(Summary)];
        if (S.Level == NetworkLevel.School)
        {
            // A school's children are below the school itself: one write lists and tracks them.
            if (Track(summaries) | added) await state.WriteStateAsync();
            return;
        }

        if (added) await state.WriteStateAsync();
        if (S.SchoolId is not null && summaries.Length > 0)
            await GrainFactory.GetGrain<IWarningNodeGrain>(S.SchoolId).TrackDescendantsAsync(summaries);
    }

    public async Task AddStudentsAsync(string[] studentIds)
    {
        EnsureDefined();
        if (AddMissing(S.StudentIds, studentIds)) await state.WriteStateAsync();
    }

    public async Task TrackDescendantsAsync(NodeSummary[] summaries)
    {
        EnsureLevel(NetworkLevel.School);
        if (Track(summaries)) await state.WriteStateAsync();
    }

    private bool Track(NodeSummary[] summaries)
    {
        var changed = false;
        foreach (var summary in summaries)
        {
            if (S.Descendants.TryGetValue(summary.NodeId, out var known) && known == summary) continue;
            S.Descendants[summary.NodeId] = summary;
            changed = true;
        }

        return changed;
    }

    /// <summary>Adds the items the list does not hold yet, keeping its order; true when it added any.</summary>
    private static bool AddMissing(List<string> list, IEnumerable<string> items)
    {
        var known = list.ToHashSet();
        var before = list.Count;
        foreach (var item in items)
        {
            if (known.Add(item)) list.Add(item);
        }

        return list.Count > before;
    }

    public Task<NodeSummary[]> GetDescendantsAsync() =>
        Task.FromResult<NodeSummary[]>([.. S.Descendants.Values]);

    public async Task SetPolicyAsync(EscalationPolicy policy)
    {
        EnsureLevel(NetworkLevel.School);
        var district = await GrainFactory.GetGrain<IWarningNodeGrain>(S.DistrictId).GetAsync();
        PolicyValidator.Validate(policy, NodeId, S.Descendants.Values, S.Responders.Count(NodeRules.IsAlerted),
            district?.Responders.Count(NodeRules.IsAlerted) ?? 0, limits.Value);
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
        if (S.SchoolId is null || !IsTrackedInSchool(S.Level)) return;
        await GrainFactory.GetGrain<IWarningNodeGrain>(S.SchoolId).TrackDescendantsAsync([Summary(View())]);
    }

    /// <summary>A school keeps a summary of every node below it (not of itself, nor of the district above).</summary>
    private static bool IsTrackedInSchool(NetworkLevel level) => level is not (NetworkLevel.School or NetworkLevel.District);

    private static NodeSummary Summary(WarningNodeView node) => new(node.NodeId, node.Level, node.Name, node.Responders.Count(NodeRules.IsAlerted));

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
