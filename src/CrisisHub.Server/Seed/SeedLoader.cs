using System.Diagnostics;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Server.Seed;

/// <summary>
/// Applies a seed through the same grains (and checks) as the admin API, in bulk: nodes level by level, each level listed at its
/// parents in one call per parent; students a class at a time, the class listing them and their families in one write; accounts
/// listed in the directory in one write. Every step is idempotent, and the seed is marked applied only at the end, so a start
/// interrupted half-way simply seeds again and completes it.
/// </summary>
public sealed partial class SeedLoader(IGrainFactory grains, ILogger<SeedLoader> logger)
{
    public const string SeedStatusKey = "seed";

    /// <summary>
    /// Grain calls kept in flight by a bulk step. Concurrent writes are what the storage can commit together, so this is the
    /// batch it may form; the bound keeps a large seed from queueing every call at once.
    /// </summary>
    private const int CallsInFlight = 64;

    /// <summary>Classes registered at once, each with all its students in parallel.</summary>
    private const int ClassesInFlight = 4;

    public async Task<bool> ApplyOnceAsync(SeedDocument seed, CancellationToken cancellationToken)
    {
        var status = grains.GetGrain<ISeedStatusGrain>(SeedStatusKey);
        if (await status.IsAppliedAsync()) return false;

        var clock = Stopwatch.StartNew();
        await ApplyAsync(seed, cancellationToken);
        await status.MarkAppliedAsync();
        LogSeeded(seed.Nodes.Length, seed.Students.Length, seed.Accounts.Length, clock.Elapsed.TotalSeconds);
        return true;
    }

    /// <summary>Applies the whole seed, whatever part of it is already stored: applying it again changes nothing and duplicates nothing.</summary>
    public async Task ApplyAsync(SeedDocument seed, CancellationToken cancellationToken)
    {
        await DefineNodesAsync(seed.Nodes, cancellationToken);
        await RegisterStudentsAsync(seed.Students, cancellationToken);
        foreach (var policy in seed.Policies ?? []) await Node(policy.SchoolId).SetPolicyAsync(policy);
        foreach (var hospital in seed.Hospitals ?? []) await grains.GetGrain<IHospitalGrain>(hospital.HospitalId).DefineAsync(hospital);
        await SaveAccountsAsync(seed.Accounts, cancellationToken);
    }

    private async Task DefineNodesAsync(SeedNode[] nodes, CancellationToken cancellationToken)
    {
        // Parents first: a node can only be defined under an existing parent.
        foreach (var level in nodes.GroupBy(n => n.Level).OrderBy(l => l.Key))
        {
            var defined = await InParallelAsync(level, node => Node(node.NodeId).DefineUnlistedAsync(
                new WarningNodeDefinition(node.NodeId, node.Level, node.Name, node.ParentId), node.Responders), cancellationToken);
            await InParallelAsync(defined.Where(n => n.ParentId is not null).GroupBy(n => n.ParentId!),
                children => Node(children.Key).AddChildrenAsync([.. children]), cancellationToken);
        }
    }

    private async Task RegisterStudentsAsync(StudentRecord[] students, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = ClassesInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(students.GroupBy(s => s.ClassId), options, async (pupils, _) =>
        {
            var registered = await Task.WhenAll(pupils.Select(s => grains.GetGrain<IStudentGrain>(s.StudentId).RegisterUnlistedAsync(s)));
            var classNode = Node(pupils.Key);
            await classNode.AddChildrenAsync([.. registered.Select(r => r.Family)]);
            await classNode.AddStudentsAsync([.. pupils.Select(s => s.StudentId)]);
            foreach (var room in pupils.Where(s => s.DormitoryId is not null).GroupBy(s => s.DormitoryId!))
                await Node(room.Key).AddStudentsAsync([.. room.Select(s => s.StudentId)]);
        });
    }

    private async Task SaveAccountsAsync(SeedAccount[] accounts, CancellationToken cancellationToken)
    {
        var hashes = await SeedPasswords.HashAsync(accounts, cancellationToken);
        var listings = await InParallelAsync(accounts, a => grains.GetGrain<IUserAccountGrain>(a.UserName).SaveUnlistedAsync(
            new UserAccount(a.UserName, a.DisplayName, a.Role, a.NodeIds, hashes[a.Password], a.PreferredLanguage, Disabled: false)), cancellationToken);
        await grains.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).RecordAllAsync(listings);
    }

    private IWarningNodeGrain Node(string nodeId) => grains.GetGrain<IWarningNodeGrain>(nodeId);

    /// <summary>Calls <paramref name="call"/> for every item, at most <see cref="CallsInFlight"/> at a time; the results in the items' order.</summary>
    private static async Task<TResult[]> InParallelAsync<T, TResult>(IEnumerable<T> items, Func<T, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var all = items.ToArray();
        var results = new TResult[all.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = CallsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, all.Length), options, async (i, _) => results[i] = await call(all[i]));
        return results;
    }

    private static Task InParallelAsync<T>(IEnumerable<T> items, Func<T, Task> call, CancellationToken cancellationToken) =>
        InParallelAsync(items, async item => { await call(item); return true; }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Nodes} nodes, {Students} students and {Accounts} accounts in {Seconds:F1} s")]
    private partial void LogSeeded(int nodes, int students, int accounts, double seconds);
}
