using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Identity;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Admin;

/// <summary>The warning network, students, policies and accounts. Grains validate content; endpoints check scope.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup().WithTags("Admin");
        admin.MapPut("/nodes/{nodeId}", AdminNetworkWrites.DefineNodeAsync);
        admin.MapGet("/nodes/{nodeId}", ReadNodeAsync);
        admin.MapGet("/nodes/{nodeId}/children", ReadChildrenAsync);
        admin.MapGet("/nodes/{nodeId}/students", ReadStudentsOfNodeAsync);
        admin.MapPut("/nodes/{nodeId}/responders", AdminNetworkWrites.SetRespondersAsync);
        admin.MapGet("/students/{studentId}", ReadStudentAsync);
        admin.MapPut("/students/{studentId}", AdminNetworkWrites.SaveStudentAsync);
        admin.MapGet("/schools/{schoolId}/policies", ReadPoliciesAsync);
        admin.MapPut("/schools/{schoolId}/policies/{grade}", AdminNetworkWrites.SetPolicyAsync);
        admin.MapGet("/accounts", ListAccountsAsync);
        admin.MapPut("/accounts/{userName}", SaveAccountAsync);
        app.MapAdminAuditEndpoints();
        return app;
    }

    private static async Task<IResult> ReadNodeAsync(string nodeId, IGrainFactory grains, HttpContext http) =>
        await AdminScope.NodeAsync(grains, http, nodeId) is var (node, refusal) && refusal is null ? TypedResults.Ok(node) : refusal!;

    private static async Task<IResult> ReadChildrenAsync(string nodeId, IGrainFactory grains, HttpContext http)
    {
        var (node, refusal) = await AdminScope.NodeAsync(grains, http, nodeId);
        if (refusal is not null) return refusal;
        // Family nodes (one per student) are managed through the student, not the tree.
        var children = await Task.WhenAll(node!.ChildIds.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync()));
        return TypedResults.Ok(children.OfType<WarningNodeView>().Where(c => c.Level != NetworkLevel.Family).ToArray());
    }

    private static async Task<IResult> ReadStudentsOfNodeAsync(string nodeId, IGrainFactory grains, HttpContext http)
    {
        var (node, refusal) = await AdminScope.NodeAsync(grains, http, nodeId);
        if (refusal is not null) return refusal;
        var students = await Task.WhenAll(node!.StudentIds.Select(id => grains.GetGrain<IStudentGrain>(id).GetAsync()));
        await PersonalDataReads.RecordAsync(grains, CurrentUser.From(http.User), PersonalDataReadKind.RosterListed, node.NodeId,
            students.OfType<StudentView>().Select(s => s.Record.StudentId));
        // A roster: guardians and their phones are read one student at a time (and that read is recorded).
        return TypedResults.Ok(students.OfType<StudentView>().Select(RosterEntry.Of).ToArray());
    }

    private static async Task<IResult> ReadStudentAsync(string studentId, IGrainFactory grains, HttpContext http)
    {
        var student = await grains.GetGrain<IStudentGrain>(studentId).GetAsync();
        if (student is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No student '{studentId}'.");
        var (_, refusal) = await AdminScope.NodeAsync(grains, http, student.Placement.ClassId);
        if (refusal is not null) return refusal;
        await PersonalDataReads.RecordAsync(grains, CurrentUser.From(http.User), PersonalDataReadKind.StudentRecordRead, studentId, studentId);
        return TypedResults.Ok(student);
    }

    private static async Task<IResult> ReadPoliciesAsync(string schoolId, IGrainFactory grains, HttpContext http)
    {
        var (_, refusal) = await AdminScope.NodeAsync(grains, http, schoolId, "schoolId");
        return refusal ?? TypedResults.Ok(await grains.GetGrain<IWarningNodeGrain>(schoolId).GetPoliciesAsync());
    }

    /// <summary>The accounts the administrator could manage: every node in scope, below their level.</summary>
    private static async Task<IResult> ListAccountsAsync(IGrainFactory grains, HttpContext http)
    {
        var me = await AdminAccounts.AdminAsync(grains, CurrentUser.From(http.User));
        var listings = await grains.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).ListAsync();
        var visible = new List<AccountListing>();
        foreach (var listing in listings)
        {
            if (AccountRules.Administers(me, await AdminAccounts.ShapeAsync(grains, listing.Role, listing.NodeIds))) visible.Add(listing);
        }

        return TypedResults.Ok(visible.ToArray());
    }

    private static async Task<IResult> SaveAccountAsync(string userName, AccountRequest request, IGrainFactory grains, HttpContext http)
    {
        // The canary's accounts are its own (its nodes are in no administrator's scope; its names must not be taken either).
        if (SyntheticDistrict.IsReservedNodeId(userName)) return AdminNetworkWrites.Reserved("userName");
        var nodeIds = request.NodeIds ?? [];
        if (nodeIds.Length == 0) throw DomainRuleException.Invalid("nodeIds", "name at least one node the account acts for");
        var grain = grains.GetGrain<IUserAccountGrain>(userName);
        var existing = userName.Length is > 0 and <= 64 ? await grain.GetAsync() : null;
        // Scope, rank and role fit are checked on the account as stored as well as on what the body asks for.
        if (await AdminAccounts.RefuseSaveAsync(grains, CurrentUser.From(http.User), existing, request.Role, nodeIds) is { } refusal) return refusal;

        if (existing is null && string.IsNullOrEmpty(request.Password)) throw DomainRuleException.Invalid("password", "is required for a new account");
        if (request.Password is { } chosen) PasswordPolicy.Check(chosen, userName);
        var language = Languages.OrDefault(request.PreferredLanguage);
        var account = new UserAccount(userName, request.DisplayName ?? "", request.Role, nodeIds, existing?.PasswordHash ?? "", language, request.Disabled);
        if (request.Password is { } password) account = account with { PasswordHash = AuthEndpoints.HashPassword(account, password) };
        var saved = await grain.SaveAsync(account);
        var districtId = (await AdminAccounts.ResolveAsync(grains, saved.NodeIds)).First()!.DistrictId;
        await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.AccountSaved, $"account:{saved.UserName}",
            AccountAudit.Of(existing), AccountAudit.Of(saved, passwordChanged: request.Password is not null));
        return TypedResults.Ok(new AccountView(saved.UserName, saved.DisplayName, saved.Role, saved.NodeIds, saved.PreferredLanguage, saved.Disabled));
    }
}
