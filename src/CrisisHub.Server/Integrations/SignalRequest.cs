using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrisisHub.Contracts;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Integrations.Signals;
using CrisisHub.Contracts.Missing;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// What an integration client posts to <c>/api/integrations/signals</c>. The student by school and student number when
/// the client knows them, otherwise hints a person can match on; what was observed; when it happened.
/// </summary>
/// <param name="SchoolId">May be left out by a client admitted for one school only.</param>
/// <param name="LastSeen">Required for <see cref="SignalKind.MissingStudent"/>, refused otherwise.</param>
public sealed record SignalRequest(SignalKind? Kind, string? SchoolId, string? StudentNumber, SignalHints? Hints, ObservedSign[]? Signs,
    string? Note, DateTimeOffset? OccurredAt, SignalLastSeen? LastSeen)
{
    public const int MaxHintLength = 200;

    /// <summary>How far ahead of the server's clock a client's clock may run: a signal is never from the future.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Older than this is history, not a signal to act on: refused, so a replayed archive cannot raise alerts.</summary>
    public static readonly TimeSpan OldestAccepted = TimeSpan.FromDays(30);

    /// <summary>Field → reasons; empty when the request is well formed.</summary>
    public Dictionary<string, string[]> Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (Kind is null) errors["kind"] = [$"is required: one of {string.Join(", ", Enum.GetNames<SignalKind>())}"];
        if (SchoolId is { Length: 0 or > 64 }) errors["schoolId"] = ["must be 1-64 characters"];
        if (StudentNumber is { } number && (string.IsNullOrWhiteSpace(number) || number.Length > 64)) errors["studentNumber"] = ["must be 1-64 characters"];
        if (StudentNumber is null && !HasHints) errors["hints"] = ["give the student's number, or at least one hint (name, className, grade, other) a person can match on"];
        foreach (var (field, value) in HintFields)
            if (value?.Length > MaxHintLength) errors[$"hints.{field}"] = [$"is longer than {MaxHintLength} characters"];
        if (Kind == SignalKind.MissingStudent)
        {
            // A missing student's signs are the warning signs seen before (none is fine: missing alone is Severe).
            if (Signs?.Where(s => !MissingGrades.WarningSigns.Contains(s)).ToArray() is { Length: > 0 } notWarning)
                errors["signs"] = [$"{string.Join(", ", notWarning)} is not a warning sign of a missing student; allowed: {string.Join(", ", MissingGrades.WarningSigns)}"];
        }
        else if (Signs is null || Signs.Length == 0)
            errors["signs"] = [$"tick at least one observed sign: {string.Join(", ", Enum.GetNames<ObservedSign>().Where(n => !Triage.ComesFromScreening(Enum.Parse<ObservedSign>(n))))}"];
        else if (Signs.Length > 20) errors["signs"] = ["at most 20 signs"];
        else if (Signs.Where(MissingGrades.IsMissingSign).ToArray() is [var missingSign, ..])
            errors["signs"] = [$"{missingSign}: a missing student is a signal of kind MissingStudent, with lastSeen (and the permission {Contracts.Integrations.IntegrationPermission.PostMissingStudentReports})"];
        else if (Signs.Where(Triage.ComesFromScreening).ToArray() is [var screening, ..])
            errors["signs"] = [$"{screening} comes from a screening: post screening results to /api/integrations/schools/{{schoolId}}/screening"];
        if (Note?.Length > Limits.MaxTextLength) errors["note"] = [$"is longer than {Limits.MaxTextLength} characters"];
        if (OccurredAt is null) errors["occurredAt"] = ["is required (ISO 8601 with an offset, e.g. 2026-11-23T14:05:00+08:00)"];
        else if (OccurredAt > now + ClockSkew) errors["occurredAt"] = ["is in the future by the server's clock"];
        else if (OccurredAt < now - OldestAccepted) errors["occurredAt"] = [$"is more than {OldestAccepted.TotalDays:0} days ago"];
        if (Kind == SignalKind.MissingStudent)
        {
            if (LastSeen is null) errors["lastSeen"] = ["is required for a missing student: at, place, seenBy"];
            else
            {
                if (LastSeen.At == default) errors["lastSeen.at"] = ["is required (when the student was last seen)"];
                else if (LastSeen.At > now + ClockSkew) errors["lastSeen.at"] = ["is in the future by the server's clock"];
                else if (LastSeen.At < now - OldestAccepted) errors["lastSeen.at"] = [$"is more than {OldestAccepted.TotalDays:0} days ago"];
                if (string.IsNullOrWhiteSpace(LastSeen.Place) || LastSeen.Place.Trim().Length > MissingReport.MaxPlaceLength)
                    errors["lastSeen.place"] = [$"is required, at most {MissingReport.MaxPlaceLength} characters"];
                if (string.IsNullOrWhiteSpace(LastSeen.SeenBy) || LastSeen.SeenBy.Trim().Length > MissingReport.MaxByLength)
                    errors["lastSeen.seenBy"] = [$"is required, at most {MissingReport.MaxByLength} characters"];
            }
        }
        else if (LastSeen is not null) errors["lastSeen"] = ["is only for a signal of kind MissingStudent"];

        return errors;
    }

    private bool HasHints => HintFields.Any(h => !string.IsNullOrWhiteSpace(h.Value));

    private IEnumerable<(string Field, string? Value)> HintFields =>
        [("name", Hints?.Name), ("className", Hints?.ClassName), ("grade", Hints?.Grade), ("other", Hints?.Other)];

    /// <summary>A digest of the body: the same idempotency key must come back with the same body.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
        this with { Signs = [.. (Signs ?? []).Distinct().Order()] })));

    /// <summary>A missing student's signal: the warning signs seen before it, however many (none is fine).</summary>
    public ObservedSign[] DistinctSigns => [.. (Signs ?? []).Distinct()];
}
