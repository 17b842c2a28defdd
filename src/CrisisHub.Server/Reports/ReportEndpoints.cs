using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using Orleans.Runtime;

namespace CrisisHub.Server.Reports;

/// <summary>
/// The monthly closed-loop report of a school, the district's month for the joint conference, and the district view.
/// Each checks the role, then the school or district in the route, then the month; the figures carry no names.
/// </summary>
public static class ReportEndpoints
{
    public static readonly string[] Formats = ["json", "csv", "xlsx"];
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddCrisisHubReports(this IServiceCollection services) => services
        .AddSingleton<MonthlyInputs>()
        .AddSingleton<ReportService>();

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/schools/{schoolId}/monthly", SchoolMonthAsync);
        reports.MapGet("/districts/{districtId}/monthly", DistrictMonthAsync);
        reports.MapGet("/districts/{districtId}/overview", OverviewAsync);
        return app;
    }

    private static async Task<IResult> SchoolMonthAsync(string schoolId, string? month, string? format, HttpContext http, IGrainFactory grains,
        ReportService reports)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.ReadsReports()) return Scoped.RoleRefused("Your role reads no monthly report.");
        var school = await NodeAsync(grains, schoolId);
        if (school is null || !user.CanReadSchoolReport(school)) return Scoped.NotFound("school");
        if (Refused(month, format, out var reportMonth) is { } refusal) return refusal;
        var figures = await reports.SchoolMonthAsync(school, reportMonth!);
        return Answer(figures, () => ReportTable.Of(figures), $"crisishub-report-{school.NodeId}-{reportMonth}", format);
    }

    private static async Task<IResult> DistrictMonthAsync(string districtId, string? month, string? format, HttpContext http, IGrainFactory grains,
        ReportService reports)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.ReadsDistrictReports()) return Scoped.RoleRefused("Only the district's officers and administrators read the district's report.");
        var district = await NodeAsync(grains, districtId);
        if (district is null || !user.CanReadDistrictReport(district)) return Scoped.NotFound("district");
        if (Refused(month, format, out var reportMonth) is { } refusal) return refusal;
        var report = await reports.DistrictMonthAsync(district, reportMonth!);
        return Answer(report, () => ReportTable.Of(report), $"crisishub-district-{district.NodeId}-{reportMonth}", format);
    }

    private static async Task<IResult> OverviewAsync(string districtId, HttpContext http, IGrainFactory grains, ReportService reports,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.ReadsDistrictReports()) return Scoped.RoleRefused("Only the district's officers and administrators read the district view.");
        var district = await NodeAsync(grains, districtId);
        if (district is null || !user.CanReadDistrictReport(district)) return Scoped.NotFound("district");
        return TypedResults.Ok(await reports.OverviewAsync(district, time.GetUtcNow()));
    }

    private static async Task<WarningNodeView?> NodeAsync(IGrainFactory grains, string id) =>
        id.Length is > 0 and <= 64 ? await grains.GetGrain<IWarningNodeGrain>(id).GetAsync() : null;

    private static IResult? Refused(string? month, string? format, out ReportMonth? parsed)
    {
        parsed = ReportMonth.Parse(month);
        if (parsed is null)
            return Invalid("month", $"must be a month written {ReportMonth.Format} (for example 2026-11), from 2000-01 to 2100-12");
        if (format is not null && !Formats.Contains(format))
            return Invalid("format", $"must be one of: {string.Join(", ", Formats)}");
        return null;
    }

    private static IResult Answer<T>(T figures, Func<ReportTable> table, string fileName, string? format) => format switch
    {
        "csv" => TypedResults.File(table().ToCsv(), "text/csv; charset=utf-8", $"{fileName}.csv"),
        "xlsx" => TypedResults.File(table().ToXlsx(), XlsxType, $"{fileName}.xlsx"),
        _ => TypedResults.Ok(figures),
    };

    private static IResult Invalid(string parameter, string problem) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [parameter] = [problem] }, detail: $"{parameter} {problem}.");
}
