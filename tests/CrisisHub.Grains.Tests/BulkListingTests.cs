using CrisisHub.Contracts;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Tests;

/// <summary>The bulk paths of the warning network: a class's students registered unlisted, then listed at once, any number of times.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BulkListingTests(ClusterFixture fixture)
{
    private IWarningNodeGrain Node(string id) => fixture.Grains.GetGrain<IWarningNodeGrain>(id);

    private static StudentRecord Student(TestNetwork net, int n) =>
        new($"{net.Student}-{n}", "李同学", $"2026{n:000}", 15, net.Class, net.Room, [new Guardian("李母", "mother", $"+120255501{10 + n}")]);

    private async Task ListClassAsync(TestNetwork net, StudentRecord[] students)
    {
        var registered = await Task.WhenAll(students.Select(s => fixture.Grains.GetGrain<IStudentGrain>(s.StudentId).RegisterUnlistedAsync(s)));
        await Node(net.Class).AddChildrenAsync([.. registered.Select(r => r.Family)]);
        await Node(net.Class).AddStudentsAsync([.. students.Select(s => s.StudentId)]);
        await Node(net.Room!).AddStudentsAsync([.. students.Select(s => s.StudentId)]);
    }

    [Fact]
    public async Task AClassListedTwiceHoldsEachStudentAndFamilyOnceAndItsSchoolKnowsEveryFamily()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);
        var students = Enumerable.Range(1, 5).Select(n => Student(net, n)).ToArray();

        await ListClassAsync(net, students);
        await ListClassAsync(net, students);

        var ids = students.Select(s => s.StudentId).Prepend(net.Student).ToArray();
        var families = ids.Select(id => $"fam-{id}").ToArray();
        var classNode = (await Node(net.Class).GetAsync())!;
        classNode.StudentIds.ShouldBe(ids, ignoreOrder: true);
        classNode.ChildIds.ShouldBe(families.Prepend(net.Room!), ignoreOrder: true);
        (await Node(net.Room!).GetAsync())!.StudentIds.ShouldBe(ids, ignoreOrder: true);
        var descendants = await Node(net.School).GetDescendantsAsync();
        descendants.Where(d => d.Level == NetworkLevel.Family).Select(d => d.NodeId).ShouldBe(families, ignoreOrder: true);
        descendants.Where(d => d.Level == NetworkLevel.Family).ShouldAllBe(d => d.ResponderCount == 1);
    }

    [Fact]
    public async Task ANodeDefinedUnlistedCarriesItsRespondersAndIsListedByItsParentOnly()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);
        var roomId = $"{net.Room}-2";
        var room = await Node(roomId).DefineUnlistedAsync(new WarningNodeDefinition(roomId, NetworkLevel.Dormitory, "2号寝室", net.Class),
            [new Responder($"{roomId}-r", "宿管", ResponderRole.DormitorySupervisor, "+12025550188", true, null)]);

        room.Responders.Single().Phone.ShouldBe("+12025550188");
        (await Node(net.Class).GetAsync())!.ChildIds.ShouldNotContain(roomId);

        await Node(net.Class).AddChildrenAsync([room]);
        (await Node(net.Class).GetAsync())!.ChildIds.ShouldContain(roomId);
        (await Node(net.School).GetDescendantsAsync()).ShouldContain(new NodeSummary(roomId, NetworkLevel.Dormitory, "2号寝室", 1));
        var stranger = await Should.ThrowAsync<DomainRuleException>(() => Node(net.Grade).AddChildrenAsync([room]));
        stranger.Kind.ShouldBe(RuleKind.Invalid);
    }
}
