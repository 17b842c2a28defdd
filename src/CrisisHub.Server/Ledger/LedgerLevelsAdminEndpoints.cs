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
            var (node, refusal) = await AdminScope.NodeAsync(grains, http, districtId, "districtId");
            if (refusal is not null) return refusal;
            if (node!.Level != NetworkLevel.District) throw DomainRuleException.Invalid("districtId", "the ledger's labels belong to a district");
            return TypedResults.Ok(await grains.GetGrain<ILedgerSettingsGrain>(districtId).GetLabelsAsync());
        });
        admin.MapPut("/districts/{districtId}/ledger-levels", async (string districtId, LedgerLevelsRequest request, IGrainFactory grains, HttpContext http) =>
        {
            var (node, refusal) = await AdminScope.NodeAsync(grains, http, districtId, "districtId");
            if (refusal is not null) return refusal;
            if (node!.Level != NetworkLevel.District) throw DomainRuleException.Invalid("districtId", "the ledger's labels belong to a district");
            var settings = grains.GetGrain<ILedgerSettingsGrain>(districtId);
            var before = await settings.GetLabelsAsync();
            var saved = await settings.SetLabelsAsync(new LedgerLevelLabels(request.ZhCn ?? [], request.En ?? []));
            await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.LedgerLevelsSet, $"ledger-levels:{districtId}", before, saved);
            return TypedResults.Ok(saved);
        });
        return app;
    }
}
