using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts;

namespace CrisisHub.Server.Flags;

/// <summary>What the flag form (or an API client) posts.</summary>
public sealed record FlagRequest(string? StudentId, FlagSource? Source, ObservedSign[]? Signs, string? Note, CrisisGrade? SuggestedGrade)
{
    private static readonly FlagSource[] PersonSources =
        [FlagSource.Monitor, FlagSource.DormitoryInformant, FlagSource.Teacher, FlagSource.Hotline, FlagSource.MissingStudentReport];

    /// <summary>Field → reasons; empty when the request is well formed.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(StudentId) || StudentId.Length > 64) errors["studentId"] = ["is required"];
        if ((Signs is null || Signs.Length == 0) && SuggestedGrade is null) errors["signs"] = ["tick at least one observed sign"];
        if (Signs is { Length: > 20 }) errors["signs"] = ["at most 20 signs"];
        else if (Signs?.Where(Contracts.Missing.MissingGrades.IsMissingSign).ToArray() is [var missing, ..])
            errors["signs"] = [$"{missing}: report a missing student on the missing-student form (POST /api/students/{{studentId}}/missing), which records where they were last seen and tells the police"];
        if (Note?.Length > Limits.MaxTextLength) errors["note"] = [$"is longer than {Limits.MaxTextLength} characters"];
        if (Source is { } source && !PersonSources.Contains(source)) errors["source"] = [$"{source} is reserved for integrations"];
        return errors;
    }

    /// <summary>A digest of the normalised body: the same idempotency key must come back with the same body.</summary>
    public string Fingerprint()
    {
        var canonical = $"{StudentId}|{Source}|{string.Join(',', (Signs ?? []).Distinct().Order())}|{SuggestedGrade}|{Note}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

public sealed record FlagReceiptResponse(string FlagId, ReceiptStatus Status, DateTimeOffset SubmittedAt, string? CaseId);

public static partial class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);
}
