using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Referrals;

/// <summary>Designated hospitals, their liaison desk accounts and the district's green-channel settings.</summary>
public static class GreenChannelAdminEndpoints
{
    public static IEndpointRouteBuilder MapGreenChannelAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup().WithTags("Admin");
        admin.MapGet("/districts/{districtId}/hospitals", async (string districtId, IGrainFactory grains, HttpContext http) =>
        {
            var (_, refusal) = await AdminScope.NodeAsync(grains, http, districtId, "districtId");
            return refusal ?? TypedResults.Ok(await grains.GetGrain<IGreenChannelGrain>(districtId).GetHospitalsAsync());
        });
        admin.MapPut("/hospitals/{hospitalId}", SaveHospitalAsync);
        admin.MapGet("/districts/{districtId}/green-channel", async (string districtId, IGrainFactory grains, HttpContext http) =>
        {
            var (_, refusal) = await AdminScope.NodeAsync(grains, http, districtId, "districtId");
            return refusal ?? TypedResults.Ok(await grains.GetGrain<IGreenChannelGrain>(districtId).GetSettingsAsync());
        });
        admin.MapPut("/districts/{districtId}/green-channel", async (string districtId, GreenChannelSettingsRequest request, IGrainFactory grains, HttpContext http) =>
        {
            var (node, refusal) = await AdminScope.NodeAsync(grains, http, districtId, "districtId");
            if (refusal is not null) return refusal;
            if (node!.Level != NetworkLevel.District) throw DomainRuleException.Invalid("districtId", "settings belong to a district");
            var channel = grains.GetGrain<IGreenChannelGrain>(districtId);
            var before = await channel.GetSettingsAsync();
            var saved = await channel.SetSettingsAsync(request.ToSettings());
            await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.GreenChannelSet, $"green-channel:{districtId}", before, saved);
            return TypedResults.Ok(saved);
        });
        return app;
    }

    private static async Task<IResult> SaveHospitalAsync(string hospitalId, HospitalRequest request, IGrainFactory grains, HttpContext http)
    {
        if (hospitalId.Length is 0 or > 64) throw DomainRuleException.Invalid("hospitalId", "must be 1 to 64 characters");
        var hospital = grains.GetGrain<IHospitalGrain>(hospitalId);
        var before = await hospital.GetAsync();
        // The hospital as stored is checked too: its desks must not be reachable by naming another district in the body.
        string?[] districts = before is null ? [request.DistrictId] : [before.DistrictId, request.DistrictId];
        foreach (var districtId in districts.Distinct())
        {
            var (_, refusal) = await AdminScope.NodeAsync(grains, http, districtId, "districtId");
            if (refusal is not null) return refusal;
        }

        var desks = request.DeskAccounts ?? [];
        var known = new Dictionary<string, UserAccount?>();
        foreach (var desk in desks)
        {
            if (string.IsNullOrWhiteSpace(desk.UserName) || desk.UserName.Length > 64) throw DomainRuleException.Invalid("deskAccounts", "every desk account needs a user name");
            if (desk.Password is { } chosen && PasswordPolicy.Problem(chosen, desk.UserName) is { } weak) throw DomainRuleException.Invalid("deskAccounts", $"the password of {desk.UserName} {weak}");
            var existing = known[desk.UserName] = await grains.GetGrain<IUserAccountGrain>(desk.UserName).GetAsync();
            if (existing is null && string.IsNullOrEmpty(desk.Password)) throw DomainRuleException.Invalid("deskAccounts", $"{desk.UserName} is new and needs a password");
            if (existing is not null && (existing.Role != ResponderRole.HospitalLiaison || !existing.NodeIds.SequenceEqual([hospitalId])))
                throw DomainRuleException.Invalid("deskAccounts", $"{desk.UserName} is another kind of account");
        }

        // The hospital first (it checks its content), then the accounts that act for it.
        var saved = await hospital.DefineAsync(new HospitalDefinition(hospitalId, request.DistrictId ?? "",
            request.Name ?? "", request.Phone ?? "", request.AcceptedGrades ?? [], request.Hours ?? "", [.. desks.Select(d => d.UserName!)]));
        await AdminAudit.RecordAsync(grains, http, saved.DistrictId, AdminAuditActions.HospitalSaved, $"hospital:{hospitalId}", before, saved);
        foreach (var desk in desks)
        {
            var existing = known[desk.UserName!];
            var account = new UserAccount(desk.UserName!, desk.DisplayName ?? saved.Name, ResponderRole.HospitalLiaison, [hospitalId],
                existing?.PasswordHash ?? "", Languages.OrDefault(desk.PreferredLanguage), Disabled: false);
            if (desk.Password is { } password) account = account with { PasswordHash = AuthEndpoints.HashPassword(account, password) };
            await grains.GetGrain<IUserAccountGrain>(desk.UserName!).SaveAsync(account);
            await AdminAudit.RecordAsync(grains, http, saved.DistrictId, AdminAuditActions.AccountSaved, $"account:{account.UserName}",
                AccountAudit.Of(existing), AccountAudit.Of(account, passwordChanged: desk.Password is not null));
        }

        // A desk the hospital no longer lists keeps its account, but not its sessions: its open desk page would
        // otherwise go on hearing the hospital's referrals.
        foreach (var dropped in (before?.DeskAccounts ?? []).Except(saved.DeskAccounts))
            await grains.GetGrain<IUserAccountGrain>(dropped).EndSessionsAsync();

        return TypedResults.Ok(saved);
    }
}
