using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Ledger;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Ledger;

/// <summary>A monthly meeting's decision for one student: the level it keeps them at (0 takes them off the ledger) and why.</summary>
public sealed record LedgerReviewRequest(string? StudentId, string? Month, int? ToLevel, string? Note);

/// <summary>
/// A school's graded attention ledger (分级台账): read by its psychology centre and leading group (names, each read
/// recorded) and in counts by its district's officers; reviewed at the monthly meeting; exported as the meeting's sheet.
/// </summary>
public static class LedgerEndpoints
{
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId}").WithTags("Ledger");
        school.MapGet("/ledger", ReadAsync);
        school.MapPost("/ledger/reviews", ReviewAsync);
        school.MapGet("/ledger.xlsx", ExportAsync);
        app.MapLedgerLevelsAdminEndpoints();
        app.MapArchiveEndpoints();
        return app;
    }

    private static async Task<IResult> ReadAsync(string schoolId, HttpContext http, IGrainFactory grains, LedgerBuilder ledger)
    {
        var user = CurrentUser.From(http.User);
        var (school, reach, refusal) = await LedgerAccess.AuthorizeAsync(grains, user, schoolId, countsAdmit: true);
        if (refusal is not null) return refusal;
        var view = await ledger.ViewAsync(user, school!, reach);
        // Recorded before the names are answered; the counts name no one.
        await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.LedgerListed, school!.NodeId, view.Rows.Select(r => r.StudentId));
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> ExportAsync(string schoolId, HttpContext http, IGrainFactory grains, LedgerBuilder ledger)
    {
        var user = CurrentUser.From(http.User);
        var (school, reach, refusal) = await LedgerAccess.AuthorizeAsync(grains, user, schoolId);
        if (refusal is not null) return refusal;
        var view = await ledger.ViewAsync(user, school!, reach);
        await PersonalDataReads.RecordAsync(grains, user, PersonalDataReadKind.LedgerExported, school!.NodeId, view.Rows.Select(r => r.StudentId));
        return TypedResults.File(await LedgerWorkbook.WriteAsync(view, user.Language),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", LedgerWorkbook.FileName(view));
    }

    /// <summary>
    /// Records the meeting's decision. The movement is measured from the level the ledger shows now (0 when the student
    /// is not on it), never from what the caller says it was.
    /// </summary>
    private static async Task<IResult> ReviewAsync(string schoolId, LedgerReviewRequest request, HttpContext http, IGrainFactory grains, LedgerBuilder ledger)
    {
        var user = CurrentUser.From(http.User);
        var (school, _, refusal) = await LedgerAccess.AuthorizeAsync(grains, user, schoolId);
        if (refusal is not null) return refusal;
        string[] months = [ledger.Month, ledger.PreviousMonth];
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.StudentId)) errors["studentId"] = ["is required"];
        // This month's meeting, or last month's when it sits early in the next.
        if (request.Month is null || !months.Contains(request.Month)) errors["month"] = [$"must be one of: {string.Join(", ", months)}"];
        if (request.ToLevel is not { } toLevel || !LedgerMovements.IsLevel(toLevel))
            errors["toLevel"] = [$"must be one of: {string.Join(", ", Enumerable.Range(LedgerMovements.OffLedger, LedgerMovements.LeastAttention + 1))} (0 takes the student off the ledger)"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The ledger review is not valid.", errors);

        var student = request.StudentId!.Length <= 64 ? await grains.GetGrain<IStudentGrain>(request.StudentId).GetAsync() : null;
        if (student is null || student.Placement.SchoolId != school!.NodeId) return Scoped.NotFound("student");
        var current = (await ledger.EntriesAsync(school.NodeId)).FirstOrDefault(e => e.StudentId == student.Record.StudentId);
        var fromLevel = current?.Level ?? LedgerMovements.OffLedger;
        var review = await grains.GetGrain<ISchoolLedgerGrain>(school.NodeId).RecordReviewAsync(new LedgerReview(student.Record.StudentId,
            student.Placement.GradeId, request.Month!, fromLevel, request.ToLevel!.Value, LedgerMovements.Between(fromLevel, request.ToLevel.Value),
            request.Note, user.UserName, default));
        return TypedResults.Ok(review);
    }
}
