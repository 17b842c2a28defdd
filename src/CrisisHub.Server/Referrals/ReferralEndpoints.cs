using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Referrals;

/// <summary>
/// The green channel over HTTP. Endpoints only authorise and pick the side (school or hospital desk); the
/// grains decide whether that side may take the step (409 otherwise).
/// </summary>
public static class ReferralEndpoints
{
    public static IEndpointRouteBuilder MapReferralEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}").WithTags("Referrals");
        cases.MapPost("/consent", (string caseId, ConsentRequest request, IGrainFactory grains, HttpContext http) =>
            CaseEndpoints.WithCaseAsync(grains, http, caseId, (grain, user) =>
                grain.RecordConsentAsync(user.Actor, request.Decision, request.GuardianName ?? "", request.Relationship ?? "", request.Note)));
        cases.MapGet("/hospitals", async (string caseId, IGrainFactory grains, HttpContext http) =>
        {
            // The district's hospitals are no one's personal data: an emergency access reads them with the case's page.
            var (_, routing, refusal) = await CaseAccess.AuthorizeAsync(grains, http, caseId, emergencyAdmits: true);
            if (refusal is not null) return refusal;
            return TypedResults.Ok(await grains.GetGrain<IGreenChannelGrain>(routing!.Placement.DistrictId).GetHospitalsAsync());
        });
        cases.MapPost("/referrals", async (string caseId, ReferralRequest request, IGrainFactory grains, HttpContext http, ILoggerFactory logs) =>
        {
            var (grain, routing, refusal) = await CaseAccess.AuthorizeAsync(grains, http, caseId);
            if (refusal is not null) return refusal;
            var user = CurrentUser.From(http.User);
            var view = await grain!.RequestReferralAsync(user.Actor, request.ToOrder());
            await ReferralSafetyPlans.KeepAsync(grains, logs, user, routing!.StudentId, view);
            return TypedResults.Created($"/api/referrals/{view.ReferralId}", ReferralShapes.For(user, view));
        });

        var referral = app.MapGroup("/api/referrals/{referralId}").WithTags("Referrals");
        referral.MapGet("", (string referralId, IGrainFactory grains, HttpContext http) =>
            WithReferralAsync(grains, http, referralId, g => g.Grain.ReadAsync(g.User.Actor), PersonalDataReadKind.ReferralRead, emergencyAdmits: true));
        referral.MapPost("/status", (string referralId, StatusRequest request, IGrainFactory grains, HttpContext http) =>
            WithReferralAsync(grains, http, referralId, g =>
                g.Grain.MoveAsync(g.User.Actor, g.Side, request.Status, request.Reason, request.Note, request.AdmissionConsented)));
        referral.MapPost("/notes", (string referralId, NoteRequest request, IGrainFactory grains, HttpContext http) =>
            WithReferralAsync(grains, http, referralId, g => g.Grain.AddNoteAsync(g.User.Actor, g.Side, request.Note ?? "")));
        referral.MapPost("/caring-contact", (string referralId, NoteRequest request, IGrainFactory grains, HttpContext http) =>
            WithReferralAsync(grains, http, referralId, g => g.Grain.RecordCaringContactAsync(g.User.Actor, g.Side, request.Note ?? "")));
        referral.MapPost("/re-entry", (string referralId, ReEntryRequest request, IGrainFactory grains, HttpContext http) =>
            WithReferralAsync(grains, http, referralId, g => g.Grain.RecordReEntryAsync(g.User.Actor, g.Side, request.ToInput())));
        referral.MapPost("/check-ins", (string referralId, NoteRequest request, IGrainFactory grains, HttpContext http) =>
            WithReferralAsync(grains, http, referralId, g => g.Grain.RecordCheckInAsync(g.User.Actor, g.Side, request.Note)));
        referral.MapGet("/fhir", async (string referralId, IGrainFactory grains, HttpContext http) =>
        {
            var (grant, refusal) = await ReferralAccess.AuthorizeAsync(grains, http, referralId);
            if (refusal is not null) return refusal;
            if (!ReferralShapes.MayExport(grant!.User)) return Scoped.RoleRefused("Your role does not export referrals.");
            // A read that cannot be recorded is not served.
            if (await CaseAccess.RoutingAsync(grains, grant.Routing.CaseId) is not { } caseRouting) return Scoped.NotFound("referral");
            await PersonalDataReads.RecordAsync(grains, grant.User, PersonalDataReadKind.ReferralExported, referralId, caseRouting.StudentId);
            var view = ReferralShapes.Exportable(grant.User, await grant.Grain.ReadAsync(grant.User.Actor));
            return TypedResults.Text(FhirExport.BundleJson(view, caseRouting.StudentId), FhirExport.ContentType);
        });

        app.MapGet("/api/hospital/queue", async Task<IResult> (IGrainFactory grains, HttpContext http) =>
        {
            var user = CurrentUser.From(http.User);
            if (user.Role != ResponderRole.HospitalLiaison)
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only hospital liaison desks have a referral queue.");
            var hospitals = (await Task.WhenAll((await HospitalDesks.HospitalsOfAsync(grains, user)).Select(id => grains.GetGrain<IHospitalGrain>(id).GetAsync()))).OfType<HospitalDefinition>().ToArray();
            var queues = await Task.WhenAll(hospitals.Select(h => grains.GetGrain<IHospitalGrain>(h.HospitalId).GetQueueAsync()));
            ReferralSummary[] queue = [.. queues.SelectMany(q => q)];
            // The queue shows masked names only, but it tells a desk which students are coming: each is a read of theirs.
            var students = await Task.WhenAll(queue.Select(r => r.CaseId).Distinct().Select(id => CaseAccess.RoutingAsync(grains, id)));
            await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.HospitalQueueListed, string.Join(',', hospitals.Select(h => h.HospitalId)),
                students.OfType<CaseRouting>().Select(r => r.StudentId));
            return TypedResults.Ok(new DeskQueue(hospitals, queue));
        }).WithTags("Referrals");
        return app;
    }

    private static async Task<IResult> WithReferralAsync<T>(IGrainFactory grains, HttpContext http, string referralId, Func<ReferralAccess.Grant, Task<T>> act,
        PersonalDataReadKind? read = null, bool emergencyAdmits = false)
    {
        var (grant, refusal) = await ReferralAccess.AuthorizeAsync(grains, http, referralId, emergencyAdmits);
        if (refusal is not null) return refusal;
        if (read is { } kind)
        {
            // A read that cannot be recorded is not served.
            if (await CaseAccess.RoutingAsync(grains, grant!.Routing.CaseId) is not { } caseRouting) return Scoped.NotFound("referral");
            await PersonalDataReads.RecordAsync(grains, grant.User, kind, referralId, caseRouting.StudentId);
        }
        var answer = await act(grant!);
        return TypedResults.Ok(answer is ReferralView view ? ReferralShapes.For(grant!.User, view) : (object?)answer);
    }
}
