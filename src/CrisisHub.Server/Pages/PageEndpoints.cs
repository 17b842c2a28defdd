using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Pages;

/// <summary>What the pages ask the server instead of copying its rules.</summary>
public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        // Public: the sign-in page needs the languages before anyone is signed in.
        app.MapGet("/api/config", () => TypedResults.Ok(PageConfig.Current)).AllowAnonymous().WithTags("Pages");
        // Signed in (the fallback policy): the destinations depend on the person's role.
        app.MapGet("/api/home", async (HttpContext http, IGrainFactory grains) =>
        {
            var user = CurrentUser.From(http.User);
            // An administrator may hold a school or a district: the report or the district view depends on which.
            var levels = user.Role == Contracts.Network.ResponderRole.Admin
                ? (await Admin.AdminAccounts.ResolveAsync(grains, user.NodeIds)).OfType<Admin.ScopeNode>().ToDictionary(n => n.NodeId, n => n.Level)
                : null;
            return TypedResults.Ok(HomeDestinations.For(user, levels));
        }).WithTags("Pages");
        return app;
    }
}
