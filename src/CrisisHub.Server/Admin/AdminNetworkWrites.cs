using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Admin;

/// <summary>
/// Changes to the warning network, its students and its policies. Each checks scope on the thing changed as it is
/// stored (and on where the body would put it), lets the grain check the content, then records the change in the
/// district's admin audit log.
/// </summary>
internal static class AdminNetworkWrites
{
    public static async Task<IResult> DefineNodeAsync(string nodeId, NodeRequest request, IGrainFactory grains, HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        // The canary's network is its own: no administrator may add to it or take its ids.
        if (SyntheticDistrict.IsReservedNodeId(nodeId)) return Reserved("nodeId");
        if (request.ParentId is { } parent && SyntheticDistrict.IsReservedNodeId(parent)) return Reserved("parentId");
        var grain = grains.GetGrain<IWarningNodeGrain>(nodeId);
        var existing = nodeId.Length is > 0 and <= 64 ? await grain.GetAsync() : null;
        if (existing is not null)
        {
            // Renaming an existing node is a change to it: its own scope decides, not the parent the body names.
            var (_, targetRefusal) = await AdminScope.NodeAsync(grains, http, nodeId);
            if (targetRefusal is not null) return targetRefusal;
        }

        if (request.Level == NetworkLevel.District)
        {
            if (!user.CanAdminister(nodeId, null)) return AdminScope.Forbidden(nodeId);
        }
        else
        {
            var (_, refusal) = await AdminScope.NodeAsync(grains, http, request.ParentId, "parentId");
            if (refusal is not null) return refusal;
        }

        var saved = await grain.DefineAsync(new WarningNodeDefinition(nodeId, request.Level, request.Name ?? "", request.ParentId));
        await AdminAudit.RecordAsync(grains, http, saved.DistrictId, AdminAuditActions.NodeDefined, $"node:{nodeId}",
            existing is null ? null : Definition(existing), Definition(saved));
        return TypedResults.Ok(saved);
    }

    public static async Task<IResult> SetRespondersAsync(string nodeId, ResponderRequest[] responders, IGrainFactory grains, HttpContext http)
    {
        var (node, refusal) = await AdminScope.NodeAsync(grains, http, nodeId);
        if (refusal is not null) return refusal;
        var saved = await grains.GetGrain<IWarningNodeGrain>(nodeId).SetRespondersAsync([.. responders.Select(r => r.ToResponder())]);
        await AdminAudit.RecordAsync(grains, http, saved.DistrictId, AdminAuditActions.RespondersSet, $"node:{nodeId}", node!.Responders, saved.Responders);
        return TypedResults.Ok(saved);
    }

    /// <summary>400 for an id of the canary's synthetic district (<see cref="SyntheticDistrict"/>).</summary>
    public static IResult Reserved(string field) => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        [field] = [$"ids starting with '{SyntheticDistrict.Id}' are reserved for the canary"],
    });

    public static async Task<IResult> SaveStudentAsync(string studentId, StudentRequest request, IGrainFactory grains, HttpContext http)
    {
        if (SyntheticDistrict.IsReservedNodeId(studentId)) return Reserved("studentId");
        var grain = grains.GetGrain<IStudentGrain>(studentId);
        var existing = studentId.Length is > 0 and <= 64 ? await grain.GetAsync() : null;
        if (existing is not null)
        {
            // The student as stored must be ours too: otherwise naming our own class would move another school's student
            // here and replace their guardians' phones.
            var (_, targetRefusal) = await AdminScope.NodeAsync(grains, http, existing.Placement.ClassId);
            if (targetRefusal is not null) return targetRefusal;
        }

        var (_, refusal) = await AdminScope.NodeAsync(grains, http, request.ClassId, "classId");
        if (refusal is not null) return refusal;
        var saved = await grain.RegisterAsync(request.ToRecord(studentId));
        await AdminAudit.RecordAsync(grains, http, saved.Placement.DistrictId, AdminAuditActions.StudentSaved, $"student:{studentId}",
            existing?.Record, saved.Record);
        return TypedResults.Ok(saved);
    }

    public static async Task<IResult> SetPolicyAsync(string schoolId, CrisisGrade grade, PolicyRequest request, IGrainFactory grains, HttpContext http)
    {
        var (node, refusal) = await AdminScope.NodeAsync(grains, http, schoolId, "schoolId");
        if (refusal is not null) return refusal;
        var school = grains.GetGrain<IWarningNodeGrain>(schoolId);
        var before = node!.Level == NetworkLevel.School ? await school.GetPolicyAsync(grade) : null;
        await school.SetPolicyAsync(request.ToPolicy(schoolId, grade));
        var saved = await school.GetPolicyAsync(grade);
        await AdminAudit.RecordAsync(grains, http, node.DistrictId, AdminAuditActions.PolicySet, $"policy:{schoolId}/{grade}", before, saved);
        return TypedResults.Ok(saved);
    }

    private static WarningNodeDefinition Definition(WarningNodeView node) => new(node.NodeId, node.Level, node.Name, node.ParentId);
}
