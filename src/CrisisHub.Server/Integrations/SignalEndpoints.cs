using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Integrations.Signals;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Flags;
using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// Signals from outside the school: an integration client posts what it saw about a student. One that names a student of
/// the school by number becomes a flag on their case at once; any other waits in the school's matching queue for a person.
/// The client learns the signal's id and status, never a case or a student.
/// </summary>
public static class SignalEndpoints
{
    public static IEndpointRouteBuilder MapSignalEndpoints(this IEndpointRouteBuilder app)
    {
        var signals = app.MapGroup("/api/integrations/signals").WithTags("Integrations").RequireIntegrationClient();
        signals.MapPost("", SubmitAsync).WithMetadata(Failover.SafeToRepeat.Marker)
            .WithSummary("Post a signal about a student")
            .WithDescription("A signal naming a student of the school by number becomes a flag on the student's case at once, graded by its signs "
                + "as a person's flag is; any other waits in the school psychology centre's matching queue (never dropped, never guessed). "
                + "The answer says which, never the case or the student.")
            .Produces<SignalReceipt>(StatusCodes.Status201Created).Produces<SignalReceipt>(StatusCodes.Status200OK)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(SignalExamples.All);
        signals.MapPost("/{idempotencyKey}/found", FoundAsync)
            .WithSummary("The missing student of this signal was found")
            .WithDescription("For a MissingStudent signal this client posted: when, where and by whom the student was found, their condition and "
                + "whether a hospital is needed. Stops the missing-student alarm at once and tells everyone who was alerted; the school "
                + "keeps the case open for follow-up. 409 when the student is no longer missing.")
            .Produces<SignalReceipt>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(SignalExamples.Found);
        signals.MapGet("/{idempotencyKey}", GetAsync)
            .WithSummary("Where a signal stands")
            .WithDescription("The signal this client posted with this Idempotency-Key: Matched, AwaitingMatch, MatchedByPerson or Dismissed.")
            .Produces<SignalReceipt>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SubmitAsync(SignalRequest request, HttpContext http, IGrainFactory grains,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, SignalQueueNotices notices, SignalDelivery delivery)
    {
        // Present and well formed: every client POST is refused without one before it gets here (UseIntegrationIdempotencyKeys).
        var key = http.Request.Headers[IdempotencyKey.Header].ToString();
        var now = time.GetUtcNow();
        var errors = request.Validate(now);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The signal is not valid.");

        var client = IntegrationCaller.From(http.User);
        var kind = request.Kind!.Value;
        if (!client.May(SignalKinds.PermissionFor(kind)))
            return Scoped.RoleRefused($"This client may not post {kind} signals: its district administrator grants {SignalKinds.PermissionFor(kind)}.");
        var schoolId = request.SchoolId ?? (client.SchoolIds is [var only] ? only : null);
        if (schoolId is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["schoolId"] = [$"is required: one of {string.Join(", ", client.SchoolIds)}"] });
        // A school the client is not admitted for looks exactly like one that does not exist.
        if (!client.MayPostFor(schoolId)) return Scoped.NotFound("school");

        var intakeKey = $"{client.ClientId}/{key}";
        var signal = new IncomingSignal("", client.Actor, client.Kind, kind, schoolId, request.StudentNumber?.Trim(), request.Hints,
            request.DistinctSigns, request.Note, request.OccurredAt!.Value, now, request.LastSeen);
        var intake = grains.GetGrain<ISignalIntakeGrain>(intakeKey);
        var submission = await intake.BeginAsync(signal, request.Fingerprint());
        if (submission.KeyReusedWithDifferentBody)
            return Problem(StatusCodes.Status422UnprocessableEntity, $"This {IdempotencyKey.Header} was already used for a different signal.");
        if (submission.Receipt is { } earlier)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
            return TypedResults.Ok(earlier);
        }

        // Delivered now, whether this is the first try or a retry after a crash: every step below is idempotent on the signal id.
        var kept = submission.Signal!;
        var match = SignalMatching.Match(kept.StudentNumber, await grains.GetGrain<ISchoolRosterGrain>(schoolId).ListAsync());
        SignalReceipt receipt;
        string? caseId = null;
        if (match.Student is { } student)
        {
            caseId = await delivery.DeliverAsync(kept, student.StudentId, $"integration:{intakeKey}", now);
            receipt = new SignalReceipt(kept.SignalId, SignalStatus.Matched, kept.ReceivedAt);
        }
        else
        {
            receipt = await grains.GetGrain<ISchoolSignalsGrain>(schoolId).EnqueueAsync(kept, intakeKey, match.WhyUnmatched);
            await notices.QueueChangedAsync(schoolId);
        }

        // Read after the delivery: the episode a missing signal opened was reported by then (see FoundAsync).
        await intake.CompleteAsync(receipt, caseId, caseId is null ? null : time.GetUtcNow());
        return TypedResults.Created($"/api/integrations/signals/{key}", receipt);
    }

    private static async Task<IResult> GetAsync(string idempotencyKey, HttpContext http, IGrainFactory grains)
    {
        var client = IntegrationCaller.From(http.User);
        var receipt = IdempotencyKey.IsValid(idempotencyKey)
            ? await grains.GetGrain<ISignalIntakeGrain>($"{client.ClientId}/{idempotencyKey}").GetReceiptAsync()
            : null;
        return receipt is null ? Problem(StatusCodes.Status404NotFound, "This client posted no signal with this key.") : TypedResults.Ok(receipt);
    }

    /// <summary>
    /// Only the client that reported the student missing, only for a signal that became a missing student's case, and only
    /// with the permission to post missing-student reports; any other signal looks like none at all.
    /// </summary>
    private static async Task<IResult> FoundAsync(string idempotencyKey, Missing.FoundRequest request, HttpContext http, IGrainFactory grains,
        Missing.MissingStudentIntake missing)
    {
        var client = IntegrationCaller.From(http.User);
        if (!client.May(IntegrationPermission.PostMissingStudentReports))
            return Scoped.RoleRefused($"This client may not report missing students: its district administrator grants {IntegrationPermission.PostMissingStudentReports}.");
        var intake = grains.GetGrain<ISignalIntakeGrain>($"{client.ClientId}/{idempotencyKey}");
        var delivered = IdempotencyKey.IsValid(idempotencyKey) ? await intake.GetDeliveryAsync() : null;
        if (delivered is not { Signal.Kind: SignalKind.MissingStudent, CaseId: { } caseId }) return Scoped.NotFound("missing-student signal matched to a student");
        // Only the episode this signal reported (or one already open when it came): an old signal cannot end a later episode.
        await missing.FoundAsync(caseId, request.ToReport(), client.Actor, delivered.DeliveredAt);
        return TypedResults.Ok(await intake.GetReceiptAsync());
    }

    private static IResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
