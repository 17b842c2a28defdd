using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Screening;

namespace CrisisHub.Server.Integrations;

/// <summary>A row the import skipped, by number, with what is wrong: nothing of the row's content comes back.</summary>
public sealed record SkippedRow(int Row, string[] Errors);

/// <summary>An integration import: where it stands (poll its location) and the rows it skipped.</summary>
public sealed record ScreeningIntegrationAnswer(string ImportId, ScreeningImportView Import, int Rows, SkippedRow[] Skipped);

/// <summary>
/// A screening platform posts its export (the same CSV or XLSX the psychology centre uploads) into the school's screening
/// import, in one step: there is no person to preview it. Matching, scoring, flags and idempotency are the import's own:
/// the same file posted again changes nothing.
/// </summary>
public static class ScreeningIntegrationEndpoints
{
    public static IEndpointRouteBuilder MapScreeningIntegrationEndpoints(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/integrations/schools/{schoolId}/screening").WithTags("Integrations").RequireIntegrationClient();
        school.MapPost("/imports", ImportAsync).WithMetadata(Failover.SafeToRepeat.Marker)
            .WithSummary("Post a screening export")
            .WithDescription("The body is the file the psychology centre would upload: text/csv, or XLSX under its media type (at most 20 MB). "
                + "Rows are matched by student number and scored by the district's instruments; the same file posted again changes nothing. "
                + "Answers 202 with the import to poll and the rows it skipped (by number, with what is wrong).")
            .Accepts<string>("text/csv", ScreeningEndpoints.XlsxMediaType)
            .Produces<ScreeningIntegrationAnswer>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        school.MapGet("/imports/{importId}", GetAsync).WithSummary("Where a screening import stands")
            .Produces<ScreeningImportView>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ImportAsync(string schoolId, HttpContext http, IGrainFactory grains,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) => await WithSchoolAsync(grains, http, schoolId, async (client, school) =>
        {
            // The Idempotency-Key is checked for every client POST (IntegrationIdempotencyKeys); the file's own hash makes a repeat change nothing.
            var file = await ScreeningFile.ReadAsync(http.Request, ScreeningEndpoints.MaxFileBytes);
            var (view, rows) = await ScreeningEndpoints.StartImportAsync(grains, school, file, client.Actor, time);
            var answer = new ScreeningIntegrationAnswer(file.ImportId, view, rows.Count,
                [.. rows.Where(r => !r.Importable).Select(r => new SkippedRow(r.Row, r.Errors))]);
            return TypedResults.Accepted($"/api/integrations/schools/{schoolId}/screening/imports/{file.ImportId}", answer);
        });

    private static async Task<IResult> GetAsync(string schoolId, string importId, HttpContext http, IGrainFactory grains) =>
        await WithSchoolAsync(grains, http, schoolId, async (_, _) => ScreeningFile.IsImportId(importId)
            && await grains.GetGrain<IScreeningImportGrain>(ScreeningFile.GrainKey(schoolId, importId)).GetAsync() is { Status: not ScreeningImportStatus.NotStarted } view
                ? TypedResults.Ok(view) : Scoped.NotFound("import"));

    /// <summary>A client with the screening permission, for a school it is admitted for (any other looks like no school at all).</summary>
    private static async Task<IResult> WithSchoolAsync(IGrainFactory grains, HttpContext http, string schoolId,
        Func<IntegrationCaller, WarningNodeView, Task<IResult>> act)
    {
        var client = IntegrationCaller.From(http.User);
        if (!client.May(IntegrationPermission.PostScreeningResults))
            return Scoped.RoleRefused($"This client may not post screening results: its district administrator grants {IntegrationPermission.PostScreeningResults}.");
        var school = client.MayPostFor(schoolId) ? await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync() : null;
        if (school is not { Level: NetworkLevel.School }) return Scoped.NotFound("school");
        return await act(client, school);
    }
}
