using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Hotlines;
using CrisisHub.Server.Admin;

namespace CrisisHub.Server.Hotlines;

public sealed record HotlineRequest(string? Name, string? NameEn, string? Number, string? Hours, HotlineAudience[]? Audience)
{
    public HotlineEntry ToEntry() => new(Name ?? "", NameEn ?? "", Number ?? "", Hours ?? "", Audience ?? []);
}

public sealed record HotlinesRequest(HotlineRequest?[]? Entries);

/// <summary>A district's hotline directory: read and set by its administrators, every change chained into the district's log.</summary>
public static class HotlineAdminEndpoints
{
    public static IEndpointRouteBuilder MapHotlineAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup().WithTags("Admin");
        admin.MapGet("/districts/{districtId}/hotlines", async (string districtId, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "hotline directories") is { } refusal) return refusal;
            return TypedResults.Ok(await grains.GetGrain<IHotlineDirectoryGrain>(districtId).GetAsync());
        });
        admin.MapPut("/districts/{districtId}/hotlines", async (string districtId, HotlinesRequest request, IGrainFactory grains, HttpContext http) =>
        {
            if (await AdminScope.DistrictAsync(grains, http, districtId, "hotline directories") is { } refusal) return refusal;
            var directory = grains.GetGrain<IHotlineDirectoryGrain>(districtId);
            var before = await directory.GetAsync();
            var saved = await directory.SetAsync([.. (request.Entries ?? []).Select(e => (e ?? new HotlineRequest(null, null, null, null, null)).ToEntry())]);
            // "before" says whether the district still had the defaults (isDefault) or its own lines.
            await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.HotlinesSet, $"hotlines:{districtId}", before, saved);
            return TypedResults.Ok(saved);
        });
        return app;
    }
}
