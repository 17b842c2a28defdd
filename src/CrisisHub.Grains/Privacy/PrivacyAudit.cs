using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Privacy;

/// <summary>Chains a privacy event (an emergency access, a correction) into its district's admin audit log, the thing before and after as JSON.</summary>
internal static class PrivacyAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Readable records (Chinese text as written): data shown as text, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Task AppendAsync(IGrainFactory grains, string districtId, Actor actor, string action, string target, object? before, object after) =>
        grains.GetGrain<IAdminAuditGrain>(districtId).AppendAsync(new AdminChange(actor, action, target,
            before is null ? null : JsonSerializer.Serialize(before, Json), JsonSerializer.Serialize(after, Json)));
}
