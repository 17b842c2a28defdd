using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Says what was wrong with an unreadable request in the API's own terms: the field (a JSON path such as
/// <c>signs[0]</c>, or a route or query parameter) and, for an enum, its allowed names. The framework's
/// messages name .NET types ("could not be converted to CrisisHub.Contracts.Cases.ObservedSign",
/// "Failed to bind parameter \"CrisisGrade grade\""), which tell a newcomer nothing they can send.
/// </summary>
public static partial class BadRequestDescriber
{
    public sealed record Description(string Detail, Dictionary<string, string[]>? Errors);

    public static Description Describe(BadHttpRequestException e, Endpoint? endpoint)
    {
        if (e.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return json switch
            {
                EnumValueException => new($"The request body is not valid: {field} {json.Message}.", new() { [field] = [json.Message] }),
                // The reader's own messages (malformed JSON) name the path and position, never a type or the value.
                _ when !json.Message.Contains("could not be converted") => new($"The request body is not valid: {json.Message}", null),
                _ => new($"The request body is not valid: {field} has the wrong kind of value.", new() { [field] = ["has the wrong kind of value"] }),
            };
        }

        if (BindFailure().Match(e.Message) is { Success: true } bound)
        {
            var name = bound.Groups["name"].Value;
            var type = ParameterType(endpoint, name);
            var reason = type is not null && (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType
                ? $"must be one of: {string.Join(", ", Enum.GetNames(enumType))}"
                : "is not a valid value";
            return new($"The request is not valid: {name} {reason}.", new() { [name] = [reason] });
        }

        return new(e.Message, null);
    }

    // "$.signs[0]" → "signs[0]"; a top-level value is the body itself.
    private static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static Type? ParameterType(Endpoint? endpoint, string name) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();
}
