using System.Security.Cryptography;
using CrisisHub.Contracts;

namespace CrisisHub.Server.Screening;

/// <summary>
/// An uploaded screening file: its bytes, whether it is a workbook, and its import id — the SHA-256 of the bytes, so the
/// same file is the same import however often it is sent, and the confirm can prove it is the file previewed.
/// </summary>
public sealed record ScreeningFile(byte[] Bytes, bool IsXlsx, string ImportId)
{
    private static readonly string[] AllowedTypes = ["text/csv", "text/plain", ScreeningEndpoints.XlsxMediaType];

    public static bool IsImportId(string id) => id.Length == 64 && id.All(Uri.IsHexDigit);

    public static string GrainKey(string schoolId, string importId) => $"{schoolId}:{importId}";

    public static async Task<ScreeningFile> ReadAsync(HttpRequest request, long maxBytes)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !AllowedTypes.Contains(mediaType))
            throw DomainRuleException.Invalid("Content-Type", $"send the file as one of: {string.Join(", ", AllowedTypes)}");
        if (request.ContentLength > maxBytes) throw DomainRuleException.Invalid("file", $"the file is larger than {maxBytes / 1024 / 1024} MB");

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw DomainRuleException.Invalid("file", $"the file is larger than {maxBytes / 1024 / 1024} MB");
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0) throw DomainRuleException.Invalid("file", "the file is empty");
        var bytes = buffer.ToArray();
        return new ScreeningFile(bytes, mediaType == ScreeningEndpoints.XlsxMediaType, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
