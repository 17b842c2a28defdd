using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrisisHub.Load.Processes;
using CrisisHub.Server.Seed;

namespace CrisisHub.Load.Scenarios;

/// <summary>What the screening import benchmark measured.</summary>
public sealed record ScreeningResult(int Rows, int Students, long FileBytes, double ColdPreviewSeconds, double PreviewSeconds, double ImportSeconds, double ReimportSeconds,
    int Recorded, int Flagged, int Watch, double ServerCpuSeconds, double PeakRssMiB, double DatabaseGrowthMiB);

/// <summary>
/// A term's screening for one large school, through the real server: one school of 8 classes holding rows / 2 students,
/// each screened on PHQ-9 and GAD-7 (so 50,000 rows are 25,000 students), with item answers drawn from a fixed seed so
/// about 3 % of students trip PHQ-9 item 9, a few percent reach General and more reach Watch, as a real term would.
/// It times the preview (upload, match, score), the import from confirm to "completed" as the page's progress bar sees
/// it (records, flags, the school's index), and the same file again (which must change nothing). The first preview after a
/// restart reads every student's number (the page has that done as it opens, while a file is chosen); it is shown apart.
/// </summary>
public static class ScreeningScenario
{
    public static async Task<ScreeningResult> RunAsync(string serverDll, string work, int rows, HttpClient http, TextWriter log)
    {
        var students = rows / 2;
        var perClass = (int)Math.Ceiling(students / (double)(GeneratedDistrict.GradesPerSchool * GeneratedDistrict.ClassesPerGrade));
        var district = await DistrictTemplate.CreateAsync(serverDll, work, 1, perClass, http, log);
        var school = GeneratedDistrict.SchoolId(0);
        var csv = Csv(district.Seed.Students.Select(s => s.StudentNumber).Take(students).ToArray());
        var importId = Convert.ToHexStringLower(SHA256.HashData(csv));

        await using var server = await district.StartCopyAsync(serverDll, Path.Combine(work, "screening-run"));
        var token = await SignInAsync(http, server.BaseAddress, $"{school}-psych");
        var before = server.Sample();
        var databaseBefore = server.DatabaseBytes();
        log.WriteLine($"Screening: {csv.Length / 1024:N0} KiB, {rows:N0} rows for {students:N0} students ...");

        // Cold: the first preview after the server started reads every student of the school for their numbers.
        var coldSeconds = await PreviewAsync(http, server.BaseAddress, token, school, csv, rows);
        log.WriteLine($"  preview, roster not yet read {coldSeconds:N1} s");
        // As the page goes: it opens (which has the roster read while a file is chosen), then the file is previewed.
        var previewSeconds = await PreviewAsync(http, server.BaseAddress, token, school, csv, rows);
        log.WriteLine($"  preview {previewSeconds:N1} s");

        var (importSeconds, done) = await ImportAsync(http, server.BaseAddress, token, school, importId, csv);
        log.WriteLine($"  import {importSeconds:N1} s: {done}");
        var after = server.Sample();
        var (reimportSeconds, again) = await ImportAsync(http, server.BaseAddress, token, school, importId, csv);
        if (again.GetProperty("recorded").GetInt32() != done.GetProperty("recorded").GetInt32())
            throw new InvalidOperationException("The same file imported again changed the import.");

        return new ScreeningResult(rows, students, csv.Length, coldSeconds, previewSeconds, importSeconds, reimportSeconds, done.GetProperty("recorded").GetInt32(),
            done.GetProperty("flagged").GetInt32(), done.GetProperty("watch").GetInt32(), (after.CpuMs - before.CpuMs) / 1000,
            after.PeakRssBytes / 1024.0 / 1024, (server.DatabaseBytes() - databaseBefore) / 1024.0 / 1024);
    }

    private static async Task<double> PreviewAsync(HttpClient http, Uri server, string token, string school, byte[] csv, int rows)
    {
        var clock = Stopwatch.StartNew();
        using var preview = await SendAsync(http, server, token, $"api/schools/{school}/screening/preview", csv);
        var answer = await preview.Content.ReadFromJsonAsync<JsonElement>();
        if (answer.GetProperty("importable").GetInt32() != rows) throw new InvalidOperationException($"The preview found problems: {answer}");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Confirm, then poll the progress as the page does, until the import says it is complete.</summary>
    private static async Task<(double Seconds, JsonElement View)> ImportAsync(HttpClient http, Uri server, string token, string school, string importId, byte[] csv)
    {
        var clock = Stopwatch.StartNew();
        using (var started = await SendAsync(http, server, token, $"api/schools/{school}/screening/imports?expect={importId}", csv)) { }
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"api/schools/{school}/screening/imports/{importId}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (view.GetProperty("status").GetString() == "Completed") return (clock.Elapsed.TotalSeconds, view);
            if (view.GetProperty("problem").ValueKind == JsonValueKind.String) throw new InvalidOperationException($"The import stopped: {view}");
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"The import did not finish in 10 minutes: {view}");
            await Task.Delay(250);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri server, string token, string path, byte[] csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path)) { Content = new ByteArrayContent(csv) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>PHQ-9 and GAD-7 for each student, answers from a fixed seed: mostly 0–1, a tail of 2–3, item 9 rarely endorsed.</summary>
    private static byte[] Csv(string[] studentNumbers)
    {
        var random = new Random(2026);
        int Answer() => random.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, < 0.95 => 2, _ => 3 };
        var text = new StringBuilder("学号,量表,日期,题1,题2,题3,题4,题5,题6,题7,题8,题9\n");
        foreach (var number in studentNumbers)
        {
            var phq = Enumerable.Range(1, 9).Select(i => i == 9 ? (random.NextDouble() < 0.03 ? 1 : 0) : Answer());
            text.Append(number).Append(",PHQ-9,2026-10-12,").AppendJoin(',', phq).Append('\n');
            text.Append(number).Append(",GAD-7,2026-10-12,").AppendJoin(',', Enumerable.Range(1, 7).Select(_ => Answer())).Append(",,\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<string> SignInAsync(HttpClient http, Uri server, string userName)
    {
        using var response = await http.PostAsJsonAsync(new Uri(server, "api/auth/token"), new { userName, password = DistrictTemplate.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static string Markdown(ScreeningResult r) => $"""
        | screening import ({r.Rows:N0} rows, {r.Students:N0} students, {r.FileBytes / 1024.0 / 1024:N1} MiB CSV) | value |
        |---|---|
        | first preview after a restart (reads every student's number) | {r.ColdPreviewSeconds:N1} s |
        | preview (upload, match, score) | {r.PreviewSeconds:N1} s |
        | preview + import | {r.PreviewSeconds + r.ImportSeconds:N1} s |
        | import, confirm to completed | {r.ImportSeconds:N1} s |
        | same file again (changes nothing) | {r.ReimportSeconds:N1} s |
        | results recorded / students flagged / on watch | {r.Recorded:N0} / {r.Flagged:N0} / {r.Watch:N0} |
        | server CPU, both previews and the import | {r.ServerCpuSeconds:N1} s |
        | server peak RSS | {r.PeakRssMiB:N0} MiB |
        | database growth | {r.DatabaseGrowthMiB:N1} MiB |
        """;
}
