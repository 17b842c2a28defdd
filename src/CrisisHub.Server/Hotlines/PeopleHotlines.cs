using CrisisHub.Contracts.Hotlines;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Hotlines;

/// <summary>A number to call, as a page shows it: the name in the reader's language, when it answers and whom it serves.</summary>
public sealed record Hotline(string Label, string Number, string Hours, HotlineAudience[] Audience);

/// <summary>
/// The hotlines a page shows: the district's directory (the defaults until the district sets its own) and the
/// psychology centre of the school concerned. Students see the lines for students; adults every line, as they pass
/// numbers on to students and families.
/// </summary>
public static class PeopleHotlines
{
    private static readonly HotlineAudience[] Everyone = Enum.GetValues<HotlineAudience>();

    /// <summary>The lines of the district and school the person belongs to (by the first of their nodes that resolves).</summary>
    public static async Task<Hotline[]> ForAsync(CurrentUser user, IGrainFactory grains)
    {
        var (districtId, schoolId) = await WhereAsync(user.NodeIds, grains);
        HotlineAudience? audience = user.Role.IsReporterOnly() ? HotlineAudience.Students : null;
        return await LinesAsync(grains, districtId, schoolId, audience, user.Language);
    }

    /// <summary>The lines for a student of <paramref name="placement"/> (their safety plan's "professionals and hotlines").</summary>
    public static Task<Hotline[]> ForStudentAsync(StudentPlacement placement, IGrainFactory grains, string language) =>
        LinesAsync(grains, placement.DistrictId, placement.SchoolId, HotlineAudience.Students, language);

    private static async Task<Hotline[]> LinesAsync(IGrainFactory grains, string? districtId, string? schoolId, HotlineAudience? audience, string language)
    {
        var directory = districtId is null
            ? new HotlineDirectory(HotlineRules.Defaults, IsDefault: true)
            : await grains.GetGrain<IHotlineDirectoryGrain>(districtId).GetAsync();
        List<Hotline> lines = [.. (audience is { } only ? directory.For(only) : directory.Entries)
            .Select(e => new Hotline(e.NameIn(language), e.Number, e.Hours, e.Audience))];
        var school = schoolId is null ? null : await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync();
        if (school?.Responders.FirstOrDefault(r => r.Role == ResponderRole.SchoolPsychologist) is { } centre)
            lines.Add(new Hotline(school.Name, centre.Phone, "", Everyone));
        return [.. lines];
    }

    /// <summary>The district (and school, if any) of the first node that is a warning-network node or a hospital.</summary>
    private static async Task<(string? DistrictId, string? SchoolId)> WhereAsync(string[] nodeIds, IGrainFactory grains)
    {
        foreach (var nodeId in nodeIds)
        {
            if (await grains.GetGrain<IWarningNodeGrain>(nodeId).GetAsync() is { } node)
                return (node.DistrictId, node.Level == NetworkLevel.School ? node.NodeId : node.SchoolId);
            if (await grains.GetGrain<IHospitalGrain>(nodeId).GetAsync() is { } hospital) return (hospital.DistrictId, null);
        }

        return (null, null);
    }
}
