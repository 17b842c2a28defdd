using System.Diagnostics;
using OpenTelemetry;

namespace CrisisHub.Server.Operations;

/// <summary>
/// Takes personal data out of spans before they are exported. Grain ids are Orleans' span tags, and some grains are keyed by
/// what identifies a person (a text contact by phone number, an account by user name); request paths carry user names
/// (/api/admin/accounts/{userName}). The route template, the grain type and method stay: they say what ran, not for whom.
/// </summary>
public sealed class SpanScrubber : BaseProcessor<Activity>
{
    private static readonly string[] Dropped =
    [
        "orleans.rpc.target_id", "orleans.rpc.source_id", "rpc.orleans.target_id", "rpc.orleans.source_id",
        "url.path", "url.query", "url.full", "http.target", "http.url",
    ];

    public override void OnEnd(Activity span)
    {
        foreach (var key in Dropped)
            if (span.GetTagItem(key) is not null) span.SetTag(key, null);
    }
}
