using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrisisHub.Grains.Screening;

/// <summary>How screening results are written into their chain: web names, outcomes by name. The names are a contract.</summary>
public static class ScreeningJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };
}
