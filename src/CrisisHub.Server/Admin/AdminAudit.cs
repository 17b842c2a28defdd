using System.Text.Encodings.Web;
using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Admin;

/// <summary>
/// Appends an administrative change to its district's hash-chained admin audit log. Called after the change succeeded,
/// with the thing before and after as JSON; callers pass views without secrets (a password shows as "changed").
/// </summary>
public static class AdminAudit
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public static Task RecordAsync(IGrainFactory grains, HttpContext http, string districtId, string action, string target, object? before, object? after) =>
        grains.GetGrain<IAdminAuditGrain>(districtId).AppendAsync(
            new AdminChange(CurrentUser.From(http.User).Actor, action, target, ToJson(before), ToJson(after)));

    private static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);

    private static JsonSerializerOptions CreateJson()
    {
        // Readable records (Chinese names, "+86…" as written): they are data shown as text, never embedded in HTML.
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        ProblemDetailsSetup.Configure(json);
        return json;
    }
}
