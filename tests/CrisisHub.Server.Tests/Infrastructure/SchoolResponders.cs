using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrisisHub.Server.Tests.Infrastructure;

public static class SchoolResponders
{
    /// <summary>
    /// Makes school ts1's psychology centre a responder at the school node with its account, so it has a phone to be texted
    /// on and its inbox hears the school's notices. Done once per server; a repeat changes nothing.
    /// </summary>
    public static async Task PsychologyCentreOnDutyAsync(ApiClient admin, string phone)
    {
        var school = await admin.GetAsync<JsonObject>($"api/admin/nodes/{TestSeed.School}");
        var responders = school["responders"]!.AsArray().Select(r => r!.DeepClone()).ToList();
        if (responders.Any(r => (string?)r!["responderId"] == TestSeed.Psychologist)) return;
        responders.Add(JsonSerializer.SerializeToNode(new
        {
            responderId = TestSeed.Psychologist, name = "Psychology centre", role = "SchoolPsychologist", phone, onDuty = true,
            accountId = TestSeed.Psychologist,
        })!);
        (await admin.Http.PutAsJsonAsync($"api/admin/nodes/{TestSeed.School}/responders", responders)).EnsureSuccessStatusCode();
    }
}
