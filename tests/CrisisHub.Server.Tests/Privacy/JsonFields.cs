using System.Text.Json;

namespace CrisisHub.Server.Tests.Privacy;

/// <summary>
/// Every property path in a JSON answer ("flags[].note"), so a test can assert the exact set a role receives: a field
/// added anywhere shows up as a difference, whatever its value.
/// </summary>
public static class JsonFields
{
    public static SortedSet<string> Of(JsonElement element)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(element, "", paths);
        return paths;
    }

    public static async Task<SortedSet<string>> OfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return Of(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    paths.Add(child);
                    Walk(property.Value, child, paths);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Walk(item, $"{path}[]", paths);
                break;
        }
    }

    /// <summary>The paths as one sorted line each, for a readable failure that shows what to add or remove.</summary>
    public static string Lines(IEnumerable<string> paths) => string.Join('\n', paths);
}
