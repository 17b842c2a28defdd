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
        app.MapGet("/api/home", (HttpContext http) => TypedResults.Ok(HomeDestinations.For(CurrentUser.From(http.User)))).WithTags("Pages");
        return app;
    }
}
