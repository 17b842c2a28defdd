using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CrisisHub.Server.Admin;

/// <summary>
/// Every route under <c>/api/admin</c> is for administrators. The route group carries the policy, so a new
/// administrative route cannot forget the role check; each handler still checks scope on its target.
/// </summary>
public static class AdminPolicy
{
    public const string Name = "administrators";
    public const string Prefix = "/api/admin";

    public static AuthorizationBuilder AddAdministratorsPolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(Name, p => p.AddAuthenticationSchemes(AuthSchemes.Smart).RequireAuthenticatedUser().RequireRole(nameof(ResponderRole.Admin)));

    /// <summary>A group of administrative routes under <c>/api/admin</c> (or below it), behind the administrators' policy.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string below = "") =>
        app.MapGroup(Prefix + below).RequireAuthorization(Name);
}
