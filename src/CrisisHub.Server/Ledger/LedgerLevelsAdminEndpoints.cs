using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Admin;

namespace CrisisHub.Server.Ledger;

public sealed record LedgerLevelsRequest(string[]? ZhCn, string[]? En);

/// <summary>What a district calls the ledger's four levels: read and set by its administrators, every change chained into the district's log.</summary>
public static class LedgerLevelsAdminEndpoints
{
    public static IEndpointRouteBuilder MapLedgerLevelsAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup().WithTags("Admin");
        admin.MapGet("/districts/{districtId}/ledger-levels", async (string districtId, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "the ledger's labels") is { } refusal) return refusal;
            return TypedResults.Ok(await grains.GetGrain<ILedgerSettingsGrain>(districtId).GetLabelsAsync());
        });
        admin.MapPut("/districts/{districtId}/ledger-levels", async (string districtId, LedgerLevelsRequest request, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "the ledger's labels") is { } refusal) return refusal;
            var settings = grains.GetGrain<ILedgerSettingsGrain>(districtId);
            var before = await settings.GetLabelsAsync();
            var saved = await settings.SetLabelsAsync(new LedgerLevelLabels(request.ZhCn ?? [], request.En ?? []));
            await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.LedgerLevelsSet, $"ledger-levels:{districtId}", before, saved);
            return TypedResults.Ok(saved);
        });
        return app;
    }
}
