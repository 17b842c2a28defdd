using CrisisHub.Contracts;
using CrisisHub.Contracts.Integrations.Signals;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Integrations;

public sealed record SignalMatchRequest(string? StudentNumber, string? StudentId);

public sealed record SignalDismissRequest(string? Reason);

/// <summary>
/// The psychology centre's matching queue: the signals that named no student of the school. A person matches one to a
/// student (it becomes a flag on the student's case, as if it had named them) or dismisses it with a reason. Only the
/// school's psychology centre sees the queue: hints and notes about unnamed students are personal data.
/// </summary>
public static class SignalQueueEndpoints
{
    public const int MinReason = 10;
    public const int MaxReason = 500;

    /// <summary>Waiting longer than this, a signal is counted on the wallboards: someone must look now.</summary>
    public static readonly TimeSpan Overdue = TimeSpan.FromMinutes(30);

    public static IEndpointRouteBuilder MapSignalQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var queue = app.MapGroup("/api/schools/{schoolId}/signals").WithTags("Integrations");
        queue.MapGet("", (string schoolId, HttpContext http, IGrainFactory grains) => WithCentreAsync(grains, http, schoolId,
            async user => TypedResults.Ok(await grains.GetGrain<ISchoolSignalsGrain>(schoolId).ReadAsync(user.Actor))));
        queue.MapPost("/{signalId}/match", MatchAsync);
        queue.MapPost("/{signalId}/dismiss", DismissAsync);
        return app;
    }

    private static async Task<IResult> MatchAsync(string schoolId, string signalId, SignalMatchRequest request, HttpContext http, IGrainFactory grains,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, SignalQueueNotices notices, SignalDelivery delivery) =>
        await WithCentreAsync(grains, http, schoolId, async user =>
        {
            var queue = grains.GetGrain<ISchoolSignalsGrain>(schoolId);
            if (await queue.GetAsync(signalId) is not { } queued) return Scoped.NotFound("signal");
            var studentId = await StudentOfAsync(grains, schoolId, request);
            if (studentId is null) return Scoped.NotFound("student");
            // Matched before to this student (a retry after a crash): the submission is told again, nothing is delivered twice;
            // to another student, or dismissed: refused, since the flag sits on the first student's case.
            if (queued.Resolution is { } earlier)
            {
                if (earlier.Status != SignalStatus.MatchedByPerson || earlier.StudentId != studentId)
                    throw DomainRuleException.Conflict("This signal is already matched or dismissed.");
                return TypedResults.Ok(await queue.ResolveAsync(signalId, earlier));
            }

            var now = time.GetUtcNow();
            // The flag's key is the signal's: a second tap, or a retry after a crash, delivers nothing new.
            var caseId = await delivery.DeliverAsync(queued.Signal, studentId, $"signal:{signalId}", now);
            // Resolved after the delivery, by the clock: the episode a missing signal opened was reported by then (see the client's "found").
            var resolved = await queue.ResolveAsync(signalId, new SignalResolution(SignalStatus.MatchedByPerson, studentId, caseId, null, user.Actor, time.GetUtcNow()));
            await notices.QueueChangedAsync(schoolId);
            return TypedResults.Ok(resolved);
        });

    private static async Task<IResult> DismissAsync(string schoolId, string signalId, SignalDismissRequest request, HttpContext http, IGrainFactory grains,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, SignalQueueNotices notices) =>
        await WithCentreAsync(grains, http, schoolId, async user =>
        {
            var reason = request.Reason?.Trim() ?? "";
            if (reason.Length is < MinReason or > MaxReason)
                throw DomainRuleException.Invalid("reason", $"say why the signal concerns no student of the school, in {MinReason}-{MaxReason} characters");
            var queue = grains.GetGrain<ISchoolSignalsGrain>(schoolId);
            if (await queue.GetAsync(signalId) is null) return Scoped.NotFound("signal");
            var resolved = await queue.ResolveAsync(signalId, new SignalResolution(SignalStatus.Dismissed, null, null, reason, user.Actor, time.GetUtcNow()));
            await notices.QueueChangedAsync(schoolId);
            return TypedResults.Ok(resolved);
        });

    /// <summary>The student named by number (as staff know them) or by id, only if they are of this school.</summary>
    private static async Task<string?> StudentOfAsync(IGrainFactory grains, string schoolId, SignalMatchRequest request)
    {
        if (request.StudentNumber is null == request.StudentId is null)
            throw DomainRuleException.Invalid("studentNumber", "give either the student's number or their id, not both");
        if (request.StudentNumber is { } number)
        {
            var match = SignalMatching.Match(number, await grains.GetGrain<ISchoolRosterGrain>(schoolId).ListAsync());
            if (match.WhyUnmatched == SignalMatch.AmbiguousNumber)
                throw DomainRuleException.Conflict("Several students of the school carry this number: match by the student's id instead.");
            return match.Student?.StudentId;
        }

        var student = request.StudentId!.Length <= 64 ? await grains.GetGrain<IStudentGrain>(request.StudentId).GetAsync() : null;
        return student?.Placement.SchoolId == schoolId ? student.Record.StudentId : null;
    }

    /// <summary>Only the school's psychology centre: 403 for every other role, the same 404 for an unknown school and another's.</summary>
    private static async Task<IResult> WithCentreAsync(IGrainFactory grains, HttpContext http, string schoolId, Func<CurrentUser, Task<IResult>> act)
    {
        var user = CurrentUser.From(http.User);
        if (user.Role != ResponderRole.SchoolPsychologist) return Scoped.RoleRefused("The school's psychology centre matches outside signals.");
        var school = schoolId.Length is > 0 and <= 64 && user.Holds(schoolId) ? await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync() : null;
        if (school is not { Level: NetworkLevel.School }) return Scoped.NotFound("school");
        return await act(user);
    }
}
