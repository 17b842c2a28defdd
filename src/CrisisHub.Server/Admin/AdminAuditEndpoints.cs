using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Admin;

/// <summary>
/// The district's admin audit log with its chain verification. District administrators only: the log records
/// changes to school admins and to the district itself, which a school administrator has no business reading.
/// </summary>
public static class AdminAuditEndpoints
{
    public const int DefaultTake = 50;

    public static IEndpointRouteBuilder MapAdminAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup().MapGet("/audit", async Task<IResult> (string? districtId, long? before, int? take, IGrainFactory grains, HttpContext http) =>
        {
            var admin = await AdminAccounts.AdminAsync(grains, CurrentUser.From(http.User));
            var districts = AccountRules.LevelOf(admin) == AdminLevel.District
                ? admin.Nodes.Where(n => n?.Level == NetworkLevel.District).Select(n => n!.NodeId).ToArray()
                : [];
            var district = districtId ?? districts.FirstOrDefault();
            if (district is null || !districts.Contains(district))
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: "The admin audit log is read by the administrators of its district.");
            return TypedResults.Ok(await grains.GetGrain<IAdminAuditGrain>(district).ReadAsync(before, take ?? DefaultTake));
        }).WithTags("Admin");
        return app;
    }
}
