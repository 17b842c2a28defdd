using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisHub.Contracts.Screening;

namespace CrisisHub.Grains.Screening;

/// <summary>
/// The instruments CrisisHub ships with (PHQ-9, GAD-7, UPI), read from the JSON definitions embedded beside this class:
/// the same format a district uses to add its own. A definition that does not validate fails loudly at load.
/// </summary>
public static class InstrumentCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private static readonly Lazy<IReadOnlyList<InstrumentDefinition>> Shipped = new(Load);

    public static IReadOnlyList<InstrumentDefinition> Defaults => Shipped.Value;

    public static InstrumentDefinition Parse(string json)
    {
        var definition = JsonSerializer.Deserialize<InstrumentDefinition>(json, Json) ?? throw new InvalidDataException("An empty instrument definition.");
        if (definition.Problems() is { Count: > 0 } problems)
            throw new InvalidDataException($"Instrument {definition.InstrumentId}: {string.Join("; ", problems.Select(p => $"{p.Key} {string.Join(", ", p.Value)}"))}");
        return definition;
    }

    private static IReadOnlyList<InstrumentDefinition> Load()
    {
        var assembly = typeof(InstrumentCatalog).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames().Where(n => n.Contains(".Screening.Instruments.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(name =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                    return Parse(reader.ReadToEnd());
                }),
        ];
    }
}
