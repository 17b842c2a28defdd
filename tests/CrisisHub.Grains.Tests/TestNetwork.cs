using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Tests;

/// <summary>A fresh little school for one test: every id carries a unique suffix so tests never share grains.</summary>
public sealed record TestNetwork(string District, string School, string Grade, string Class, string? Room, string Student, string Family)
{
    public static readonly Actor HeadTeacher = new("teacher-1", "Teacher", ResponderRole.HeadTeacher);
    public static readonly Actor Monitor = new("monitor-1", "Monitor", ResponderRole.Monitor);

    public static async Task<TestNetwork> CreateAsync(IGrainFactory grains, bool withDormitory = true, bool withGuardian = true)
    {
        var s = Guid.NewGuid().ToString("N")[..10];
        var net = new TestNetwork($"d-{s}", $"s-{s}", $"g-{s}", $"c-{s}", withDormitory ? $"r-{s}" : null, $"st-{s}", $"fam-st-{s}");
        async Task Define(string id, NetworkLevel level, string? parent)
        {
            var node = grains.GetGrain<IWarningNodeGrain>(id);
            await node.DefineAsync(new WarningNodeDefinition(id, level, $"{level} {s}", parent));
            await node.SetRespondersAsync([new Responder($"{id}-r", $"Responder of {id}", RoleAt(level), "+12025550123", true, $"acct-{id}")]);
        }

        await Define(net.District, NetworkLevel.District, null);
        await Define(net.School, NetworkLevel.School, net.District);
        await Define(net.Grade, NetworkLevel.Grade, net.School);
        await Define(net.Class, NetworkLevel.Class, net.Grade);
        if (net.Room is not null) await Define(net.Room, NetworkLevel.Dormitory, net.Class);
        await grains.GetGrain<IStudentGrain>(net.Student).RegisterAsync(new StudentRecord(net.Student, "王小明", "2026001", 16,
            net.Class, net.Room, withGuardian ? [new Guardian("王父", "father", "+12025550156")] : []));
        return net;
    }

    private static ResponderRole RoleAt(NetworkLevel level) => level switch
    {
        NetworkLevel.District => ResponderRole.DistrictOfficer,
        NetworkLevel.School => ResponderRole.DutyOfficer,
        NetworkLevel.Grade => ResponderRole.GradeDirector,
        NetworkLevel.Dormitory => ResponderRole.DormitorySupervisor,
        _ => ResponderRole.HeadTeacher,
    };

    public FlagSubmission Flag(params ObservedSign[] signs) => Flag(null, signs);

    public FlagSubmission Flag(CrisisGrade? suggested, params ObservedSign[] signs) => new(
        Guid.NewGuid().ToString("N"), Student, FlagSource.Monitor, signs, "note", Triage.Suggest(signs, suggested),
        Monitor, DateTimeOffset.UtcNow);
}
