using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Audit;

/// <summary>
/// An auditor's check of a district: every audit chain against the signed daily anchors (runbooks/audit-verification.md).
/// Without <c>districtId</c> it is the district the caller holds.
/// </summary>
public static class AuditVerificationEndpoints
{
    public static IEndpointRouteBuilder MapAuditVerificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/verification", VerifyAsync).WithTags("Audit");
        return app;
    }

    private static async Task<IResult> VerifyAsync(string? districtId, HttpContext http, IGrainFactory grains)
    {
        var user = CurrentUser.From(http.User);
        if (!user.MayVerifyAudits()) return Scoped.RoleRefused("Audit verification is for district administrators and district officers.");
        if (districtId is not null && !NodeRules.IsValidId(districtId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["districtId"] = ["must be 1-64 lower-case letters, digits or '-'"] },
                detail: "districtId is not a node id.");

        var candidates = districtId is null ? user.NodeIds : [districtId];
        foreach (var id in candidates)
        {
            var node = await grains.GetGrain<IWarningNodeGrain>(id).GetAsync();
            if (node is not null && user.MayVerify(node))
                return TypedResults.Ok(await grains.GetGrain<IAuditVerificationGrain>(node.NodeId).VerifyAsync());
        }

        return Scoped.NotFound("district");
    }
}
