using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Server.Admin;

namespace CrisisHub.Server.Privacy;

public sealed record RetentionRequest(int TextDays, int ClosedCaseYears);

/// <summary>The retention policy and the job's last run, as a district administrator reads them.</summary>
public sealed record RetentionView(RetentionPolicy Policy, RetentionRun? LastRun);

/// <summary>A district's retention policy: read and set by its administrators, every change chained into the district's log.</summary>
public static class RetentionAdminEndpoints
{
    public static IEndpointRouteBuilder MapRetentionAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup().WithTags("Admin");
        admin.MapGet("/districts/{districtId}/retention", async (string districtId, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "retention policies") is { } refusal) return refusal;
            return TypedResults.Ok(new RetentionView(await grains.GetGrain<IRetentionPolicyGrain>(districtId).GetAsync(),
                await grains.GetGrain<IRetentionJobGrain>(IRetentionJobGrain.Key).LastRunAsync()));
        });
        admin.MapPut("/districts/{districtId}/retention", async (string districtId, RetentionRequest request, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "retention policies") is { } refusal) return refusal;
            var policies = grains.GetGrain<IRetentionPolicyGrain>(districtId);
            var before = await policies.GetAsync();
            var saved = await policies.SetAsync(new RetentionPolicy(request.TextDays, request.ClosedCaseYears));
            await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.RetentionSet, $"retention:{districtId}", before, saved);
            return TypedResults.Ok(saved);
        });
        return app;
    }
}
