using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrisisHub.Server.Hosting;

/// <summary>A value an enum field of a request does not have; the problem details list the ones it does.</summary>
/// The value itself is not repeated: request errors are logged, and a field may hold what a reporter typed.
public sealed class EnumValueException(string[] allowed, Exception? inner)
    : JsonException($"must be one of: {string.Join(", ", allowed)}", inner)
{
    public string[] Allowed { get; } = allowed;
}

/// <summary>
/// Enums travel as their names (System.Text.Json's string converter does the work). A value that is not a
/// name fails with the allowed names instead of the serializer's "could not be converted to
/// CrisisHub.Contracts.Cases.ObservedSign", which tells a newcomer a .NET type and not what to send.
/// </summary>
public sealed class AllowedValuesEnumConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Named<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class Named<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // Names only, as before (no numbers, not even as strings), matched ignoring case as the string converter does.
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name)
                return Enum.Parse<T>(name);
            throw new EnumValueException(Enum.GetNames<T>(), null);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try { return _inner.ReadAsPropertyName(ref reader, typeToConvert, options); }
            catch (JsonException exception) { throw new EnumValueException(Enum.GetNames<T>(), exception); }
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _inner.WriteAsPropertyName(writer, value, options);
    }
}
