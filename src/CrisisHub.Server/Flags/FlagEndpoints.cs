using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Flags;

/// <summary>
/// Flagging a concern. A retried submission (same Idempotency-Key) returns the first receipt and
/// stores nothing new; the reporting student learns only whether the flag is received or being handled.
/// </summary>
public static class FlagEndpoints
{
    public static IEndpointRouteBuilder MapFlagEndpoints(this IEndpointRouteBuilder app)
    {
        var flags = app.MapGroup("/api/flags").WithTags("Flags");
        // Its Idempotency-Key makes a repeat the same flag: safe to repeat through a cluster change.
        flags.MapPost("", SubmitAsync).WithMetadata(Failover.SafeToRepeat.Marker);
        flags.MapGet("/{idempotencyKey}", GetReceiptAsync);
        return app;
    }

    /// <remarks>The flag is stamped by the clock the case measures its deadlines and months by (the grains'), not the host's.</remarks>
    private static async Task<IResult> SubmitAsync(FlagRequest request, HttpContext http, IGrainFactory grains,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        var key = http.Request.Headers[IdempotencyKey.Header].ToString();
        if (!IdempotencyKey.IsValid(key))
            return Problem(StatusCodes.Status400BadRequest, $"An {IdempotencyKey.Header} header (1-100 letters, digits, '_', '.', ':' or '-') is required, so a retried submission cannot create a second flag.");
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The flag is not valid.");

        var user = CurrentUser.From(http.User);
        if (!user.Role.MayFlag()) return Scoped.RoleRefused("Your role does not flag students.");
        var student = await grains.GetGrain<IStudentGrain>(request.StudentId!).GetAsync();
        // A student outside the person's class or room looks exactly like one that does not exist.
        if (student is null || !user.CanFlag(student.Placement)) return Scoped.NotFound("student");

        var flag = new FlagSubmission(Guid.NewGuid().ToString("N"), student.Record.StudentId, request.Source ?? SourceOf(user.Role),
            [.. (request.Signs ?? []).Distinct()], request.Note, Triage.Suggest(request.Signs ?? [], request.SuggestedGrade), user.Actor, time.GetUtcNow());
        var result = await grains.GetGrain<IFlagSubmissionGrain>($"{user.UserName}/{key}").SubmitAsync(flag, request.Fingerprint());
        if (result.KeyReusedWithDifferentBody)
            return Problem(StatusCodes.Status422UnprocessableEntity, $"This {IdempotencyKey.Header} was already used for a different flag.");

        var response = await ToResponseAsync(grains, user, result.Receipt!);
        if (result.Replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
            return TypedResults.Ok(response);
        }

        return TypedResults.Created($"/api/flags/{key}", response);
    }

    private static async Task<IResult> GetReceiptAsync(string idempotencyKey, HttpContext http, IGrainFactory grains)
    {
        var user = CurrentUser.From(http.User);
        var receipt = IdempotencyKey.IsValid(idempotencyKey)
            ? await grains.GetGrain<IFlagSubmissionGrain>($"{user.UserName}/{idempotencyKey}").GetReceiptAsync()
            : null;
        return receipt is null
            ? Problem(StatusCodes.Status404NotFound, "You have no flag with this key.")
            : TypedResults.Ok(await ToResponseAsync(grains, user, receipt));
    }

    private static async Task<FlagReceiptResponse> ToResponseAsync(IGrainFactory grains, CurrentUser user, FlagReceipt receipt)
    {
        var routing = await grains.GetGrain<IStudentCaseGrain>(receipt.CaseId).GetRoutingAsync();
        var status = routing?.Status switch
        {
            null or CaseStatus.Open => ReceiptStatus.Received,
            CaseStatus.Closed => ReceiptStatus.Closed,
            _ => ReceiptStatus.BeingHandled,
        };
        // Reporting students get no case id: they see the status of their own flag and nothing else.
        return new FlagReceiptResponse(receipt.FlagId, status, receipt.SubmittedAt, user.Role.IsReporterOnly() ? null : receipt.CaseId);
    }

    private static FlagSource SourceOf(ResponderRole role) => role switch
    {
        ResponderRole.Monitor => FlagSource.Monitor,
        ResponderRole.DormitoryInformant => FlagSource.DormitoryInformant,
        _ => FlagSource.Teacher,
    };

    private static IResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
