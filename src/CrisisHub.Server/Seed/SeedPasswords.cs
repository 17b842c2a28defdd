using CrisisHub.Contracts.Identity;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Seed;

/// <summary>
/// The password hashes of a seed's accounts: one hash per distinct password, the distinct ones computed in parallel on every core.
/// </summary>
/// <remarks>
/// A hash is deliberately slow (PBKDF2, ~0.1 s here), and a seed typically gives thousands of accounts one initial password: hashed
/// per account, the demo's or a district's 2,000 accounts would take minutes. Accounts given the same password share its hash (the
/// same salt). That reveals only what the seed itself decided — that they share a password — and costs an attacker holding the
/// database nothing extra to exploit: with distinct salts, the password cracked from one account is tried on the others at one hash
/// each. The algorithm and its work factor are those of every other hash; no password is stored; a password a person sets later
/// gets its own salt. Distinct passwords (a seed with one per account) are still hashed one by one, as they must be.
/// </remarks>
internal static class SeedPasswords
{
    public static Task<Dictionary<string, string>> HashAsync(SeedAccount[] accounts, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            // The hasher ignores the account it is given; the first one holding each password stands for all.
            var distinct = accounts.DistinctBy(a => a.Password).ToArray();
            var hashes = new string[distinct.Length];
            Parallel.For(0, distinct.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var a = distinct[i];
                var account = new UserAccount(a.UserName, a.DisplayName, a.Role, a.NodeIds, "", a.PreferredLanguage, Disabled: false);
                hashes[i] = AuthEndpoints.HashPassword(account, a.Password);
            });
            return distinct.Select((a, i) => (a.Password, Hash: hashes[i])).ToDictionary(p => p.Password, p => p.Hash, StringComparer.Ordinal);
        }, cancellationToken);
}
