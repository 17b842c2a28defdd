using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Server.Push;

/// <summary>
/// What one push says, encrypted to one device: the case code, its grade and the link to open it, whether the notification
/// may offer "acknowledge", and the person's language for the words the service worker puts around them. No name, no sign,
/// no note: a notification is read on a lock screen.
/// </summary>
public sealed record AlertPush(int V, string EventId, string CaseId, CrisisGrade Grade, string Url, bool Acknowledge, string Lang, DateTimeOffset At)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The alert changes that notify people: a step fired (raised, escalated, re-notified) at some nodes.</summary>
    public static bool Notifies(AlertNotification notification) =>
        notification.Kind is AlertEventKind.Raised or AlertEventKind.Escalated or AlertEventKind.Retriggered
        && notification.FiredNodeIds is { Length: > 0 }
        && notification.DistrictId != Contracts.Network.SyntheticDistrict.Id;

    /// <param name="language">The person's language.</param>
    public static AlertPush For(AlertNotification notification, string language)
    {
        var alert = notification.Alert;
        // Anyone a step notifies responds for the case's nodes, so the policy lets them acknowledge a triggered alert.
        var acknowledge = alert.AlertState == AlertState.Triggered;
        return new AlertPush(1, notification.EventId, alert.CaseId, alert.Grade, $"/case.html?id={Uri.EscapeDataString(alert.CaseId)}", acknowledge,
            language, notification.OccurredAt);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// RFC 8030's Topic: a newer push of the same case replaces one the service still holds for a phone that is off. A hash,
    /// as the header is visible to the push service; 32 base64url characters, the most the header allows.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Topic => System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(CaseId)))[..32];

    /// <summary>A Severe or Major alert wakes a phone at once; a General one may wait for the phone's next wake-up.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Urgent => Grade >= CrisisGrade.Severe;
}
