using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Audit;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Cases;

public sealed record ActionRequest(CaseActionKind Kind, string? Note);

public sealed record GradeChangeRequest(CrisisGrade Grade, string Reason);

public sealed record CloseRequest(string Disposition);

/// <summary>Reading and working a case. Each call authorises against the case's placement, then asks the case grain.</summary>
public static class CaseEndpoints
{
    /// <summary>Set on an answer given under an emergency (break-glass) access rather than the reader's own scope.</summary>
    public const string EmergencyAccessHeader = "X-CrisisHub-Access";

    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}").WithTags("Cases");
        cases.MapGet("", (string caseId, IGrainFactory grains, HttpContext http) =>
            WithCaseAsync(grains, http, caseId, (grain, user) => grain.ReadAsync(user.Actor), PersonalDataReadKind.CaseRead, emergencyAdmits: true));
        // A second acknowledgement changes nothing: safe to repeat through a cluster change.
        cases.MapPost("/ack", (string caseId, IGrainFactory grains, HttpContext http) =>
            WithCaseAsync(grains, http, caseId, (grain, user) => grain.AcknowledgeAsync(user.Actor), emergencyAdmits: true)).WithMetadata(Failover.SafeToRepeat.Marker);
        cases.MapPost("/actions", (string caseId, ActionRequest request, IGrainFactory grains, HttpContext http) =>
            WithCaseAsync(grains, http, caseId, (grain, user) => grain.RecordActionAsync(user.Actor, request.Kind, request.Note), emergencyAdmits: true));
        cases.MapPost("/grade", (string caseId, GradeChangeRequest request, IGrainFactory grains, HttpContext http) =>
            WithCaseAsync(grains, http, caseId, (grain, user) => grain.ChangeGradeAsync(user.Actor, request.Grade, request.Reason ?? "")));
        cases.MapPost("/close", (string caseId, CloseRequest request, IGrainFactory grains, HttpContext http) =>
            WithCaseAsync(grains, http, caseId, (grain, user) => grain.CloseAsync(user.Actor, request.Disposition ?? "")));
        cases.MapGet("/audit", (string caseId, IGrainFactory grains, HttpContext http) =>
            WithCaseAsync(grains, http, caseId, (grain, user) => grain.ReadAuditAsync(user.Actor), PersonalDataReadKind.CaseAuditRead, emergencyAdmits: true));
        return app;
    }

    internal static async Task<IResult> WithCaseAsync<T>(IGrainFactory grains, HttpContext http, string caseId,
        Func<IStudentCaseGrain, CurrentUser, Task<T>> act, PersonalDataReadKind? read = null, bool emergencyAdmits = false)
    {
        var (grain, routing, refusal) = await CaseAccess.AuthorizeAsync(grains, http, caseId, emergencyAdmits);
        if (refusal is not null) return refusal;
        var user = CurrentUser.From(http.User);
        // Admitted by an emergency access, not by scope: the page offers only what that access allows.
        if (!user.CanReadCase(routing!.Placement)) http.Response.Headers[EmergencyAccessHeader] = "emergency";
        if (read is { } kind) await PersonalDataReads.RecordAsync(grains, user, kind, routing.CaseId, routing.StudentId);
        return TypedResults.Ok(Shaped(user, await act(grain!, user)));
    }

    /// <summary>Whatever a case call answers leaves in the shape the caller's role reads (see <see cref="CaseShapes"/>).</summary>
    private static object? Shaped<T>(CurrentUser user, T answer) => answer switch
    {
        CaseView view => CaseShapes.For(user, view),
        AuditTrail trail => AuditTrailShapes.For(user, trail),
        _ => answer,
    };
}
