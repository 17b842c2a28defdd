using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Screening;

/// <summary>
/// A school's screening import, in two steps: the file is previewed (nothing stored), then confirmed (the same bytes sent
/// again, checked against the preview's id, and imported in the background while the page polls its progress). The file
/// travels as the request body (CSV as text/csv, XLSX as its own media type), so no form parsing sits in between.
/// </summary>
public static class ScreeningEndpoints
{
    /// <summary>A district's term for its largest school, with room to spare: 50,000 rows of PHQ-9 are about 2 MB of CSV.</summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId}/screening").WithTags("Screening");
        school.MapGet("/instruments", (string schoolId, IGrainFactory grains, HttpContext http) =>
            WithImporterAsync(grains, http, schoolId, async (user, node) =>
            {
                // The import page asks this as it opens: have the school's roster read while the person picks their file,
                // so the preview of a large school does not wait for every student to be read.
                _ = grains.GetGrain<ISchoolRosterGrain>(schoolId).ListAsync();
                return TypedResults.Ok(await InstrumentsOfAsync(grains, node.DistrictId));
            }));
        school.MapPost("/preview", PreviewAsync);
        school.MapPost("/imports", ImportAsync);
        school.MapGet("/imports/{importId}", (string schoolId, string importId, IGrainFactory grains, HttpContext http) =>
            WithImporterAsync(grains, http, schoolId, async (_, _) => ScreeningFile.IsImportId(importId)
                && await grains.GetGrain<IScreeningImportGrain>(ScreeningFile.GrainKey(schoolId, importId)).GetAsync() is { Status: not ScreeningImportStatus.NotStarted } view
                    ? TypedResults.Ok(view) : Scoped.NotFound("import")));
        var admin = app.MapAdminGroup().WithTags("Admin");
        admin.MapGet("/districts/{districtId}/instruments", async (string districtId, IGrainFactory grains, HttpContext http) =>
            await WithDistrictAsync(grains, http, districtId, async () => TypedResults.Ok(await InstrumentsOfAsync(grains, districtId))));
        admin.MapPut("/districts/{districtId}/instruments/{instrumentId}", async (string districtId, string instrumentId, InstrumentDefinition definition,
            IGrainFactory grains, HttpContext http) => await WithDistrictAsync(grains, http, districtId, async () =>
            {
                if (definition.InstrumentId != instrumentId) throw DomainRuleException.Invalid("instrumentId", $"the body's instrumentId must be '{instrumentId}', as in the path");
                var before = (await InstrumentsOfAsync(grains, districtId)).FirstOrDefault(i => i.InstrumentId == instrumentId);
                var saved = await grains.GetGrain<IDistrictInstrumentsGrain>(districtId).SaveAsync(definition);
                await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.InstrumentSaved, $"instrument:{instrumentId}", before, saved);
                return TypedResults.Ok(saved);
            }));
        return app;
    }

    private static async Task<IResult> WithDistrictAsync(IGrainFactory grains, HttpContext http, string districtId, Func<Task<IResult>> act)
    {
        return await AdminScope.DistrictAsync(grains, http, districtId, "screening instruments") ?? await act();
    }

    private static async Task<IResult> PreviewAsync(string schoolId, IGrainFactory grains, HttpContext http,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) =>
        await WithImporterAsync(grains, http, schoolId, async (_, node) =>
        {
            var file = await ScreeningFile.ReadAsync(http.Request, MaxFileBytes);
            var rows = await ReadRowsAsync(grains, node, file, time);
            var earlier = await grains.GetGrain<IScreeningImportGrain>(ScreeningFile.GrainKey(schoolId, file.ImportId)).GetAsync();
            return TypedResults.Ok(ScreeningPreviewAnswer.Of(file.ImportId, rows, earlier.Status == ScreeningImportStatus.NotStarted ? null : earlier));
        });

    private static async Task<IResult> ImportAsync(string schoolId, string? expect, IGrainFactory grains, HttpContext http,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) =>
        await WithImporterAsync(grains, http, schoolId, async (user, node) =>
        {
            var file = await ScreeningFile.ReadAsync(http.Request, MaxFileBytes);
            if (expect is null) throw DomainRuleException.Invalid("expect", "the import id the preview gave this file is required: preview first, then confirm");
            if (!string.Equals(expect, file.ImportId, StringComparison.Ordinal))
                throw DomainRuleException.Conflict("The file is not the one previewed (its content changed): preview it again before importing.");
            var (view, _) = await StartImportAsync(grains, node, file, user.Actor, time);
            return TypedResults.Accepted($"/api/schools/{schoolId}/screening/imports/{file.ImportId}", view);
        });

    /// <summary>
    /// Reads, scores and matches the file, and starts importing its importable rows in the background (a file already
    /// imported changes nothing): the one import step of the page and of a screening platform's integration client.
    /// </summary>
    internal static async Task<(ScreeningImportView View, List<ScreeningPreviewRow> Rows)> StartImportAsync(IGrainFactory grains, WarningNodeView school,
        ScreeningFile file, Actor importer, TimeProvider time)
    {
        var rows = await ReadRowsAsync(grains, school, file, time);
        ScreeningResult[] results = [.. rows.Where(r => r.Importable).Select(r => new ScreeningResult(r.StudentId!, school.NodeId, r.GradeId!, r.Instrument,
            r.Date!.Value, r.Items!, r.Total!.Value, r.Outcome, r.Rule, file.ImportId, r.Row))];
        var view = await grains.GetGrain<IScreeningImportGrain>(ScreeningFile.GrainKey(school.NodeId, file.ImportId))
            .StartAsync(new ScreeningImportBatch(school.NodeId, results, rows.Count - results.Length, importer));
        return (view, rows);
    }

    private static async Task<List<ScreeningPreviewRow>> ReadRowsAsync(IGrainFactory grains, WarningNodeView school, ScreeningFile file, TimeProvider time)
    {
        // Today where the schools are: the latest day a screening can carry.
        var today = Grains.SchoolTime.Today(time.GetUtcNow());
        var roster = (await grains.GetGrain<ISchoolRosterGrain>(school.NodeId).ListAsync())
            .GroupBy(r => r.StudentNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single() : RosterNumber.Ambiguous, StringComparer.Ordinal);
        var instruments = await InstrumentsOfAsync(grains, school.DistrictId);
        RosterNumber? StudentOf(string number) => roster.GetValueOrDefault(number.Trim());
        using var content = new MemoryStream(file.Bytes, writable: false);
        try
        {
            return file.IsXlsx
                ? ScreeningPreview.ReadXlsx(content, instruments, StudentOf, today)
                : ScreeningPreview.Read(new StreamReader(content, detectEncodingFromByteOrderMarks: true), instruments, StudentOf, today);
        }
        catch (InvalidDataException e)
        {
            throw DomainRuleException.Invalid("file", e.Message);
        }
    }

    private static Task<InstrumentDefinition[]> InstrumentsOfAsync(IGrainFactory grains, string districtId) =>
        grains.GetGrain<IDistrictInstrumentsGrain>(districtId).ListAsync();

    /// <summary>
    /// Only the school's psychology centre imports screenings: 403 for every other role before the school is looked up,
    /// the same 404 for an unknown school and another school's.
    /// </summary>
    private static async Task<IResult> WithImporterAsync(IGrainFactory grains, HttpContext http, string schoolId,
        Func<CurrentUser, WarningNodeView, Task<IResult>> act)
    {
        var user = CurrentUser.From(http.User);
        if (user.Role != ResponderRole.SchoolPsychologist) return Scoped.RoleRefused("The school's psychology centre imports screenings.");
        var school = schoolId.Length is > 0 and <= 64 && user.Holds(schoolId) ? await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync() : null;
        if (school is not { Level: NetworkLevel.School }) return Scoped.NotFound("school");
        return await act(user, school);
    }
}
