using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Seed;

/// <summary>
/// Applies a seed through the same grain calls (and checks) as the admin API. Every step is idempotent,
/// and the seed is marked applied only at the end, so a start interrupted half-way simply seeds again.
/// </summary>
public sealed partial class SeedLoader(IGrainFactory grains, ILogger<SeedLoader> logger)
{
    public const string SeedStatusKey = "seed";

    public async Task<bool> ApplyOnceAsync(SeedDocument seed, CancellationToken cancellationToken)
    {
        var status = grains.GetGrain<ISeedStatusGrain>(SeedStatusKey);
        if (await status.IsAppliedAsync()) return false;

        // Parents first: a node can only be defined under an existing parent.
        foreach (var node in seed.Nodes.OrderBy(n => n.Level))
        {
            var grain = grains.GetGrain<IWarningNodeGrain>(node.NodeId);
            await grain.DefineAsync(new WarningNodeDefinition(node.NodeId, node.Level, node.Name, node.ParentId));
            await grain.SetRespondersAsync(node.Responders);
        }

        await Parallel.ForEachAsync(seed.Students, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (student, _) => await grains.GetGrain<IStudentGrain>(student.StudentId).RegisterAsync(student));
        foreach (var policy in seed.Policies ?? []) await grains.GetGrain<IWarningNodeGrain>(policy.SchoolId).SetPolicyAsync(policy);
        foreach (var hospital in seed.Hospitals ?? []) await grains.GetGrain<IHospitalGrain>(hospital.HospitalId).DefineAsync(hospital);
        foreach (var a in seed.Accounts)
        {
            var account = new UserAccount(a.UserName, a.DisplayName, a.Role, a.NodeIds, "", a.PreferredLanguage, Disabled: false);
            await grains.GetGrain<IUserAccountGrain>(a.UserName).SaveAsync(account with { PasswordHash = AuthEndpoints.HashPassword(account, a.Password) });
        }

        await status.MarkAppliedAsync();
        LogSeeded(seed.Nodes.Length, seed.Students.Length, seed.Accounts.Length);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Nodes} nodes, {Students} students and {Accounts} accounts")]
    private partial void LogSeeded(int nodes, int students, int accounts);
}
