using System.Text;

namespace CrisisHub.Server.Seed;

/// <summary>
/// The start-up banner's list of sign-in accounts: every account of the seed, one line per role (wrapped),
/// so a newcomer sees every desk and every level without a list kept by hand that falls behind the seed.
/// </summary>
public static class DemoAccountList
{
    private const int Width = 110;
    private const int RoleColumn = 22;

    public static IEnumerable<string> Lines(SeedDocument seed)
    {
        foreach (var role in seed.Accounts.GroupBy(a => a.Role))
        {
            var line = new StringBuilder($"  {role.Key,-RoleColumn}");
            var first = true;
            foreach (var name in role.Select(a => a.UserName))
            {
                if (!first && line.Length + name.Length + 2 > Width)
                {
                    yield return line.Append(',').ToString();
                    line = new StringBuilder(new string(' ', RoleColumn + 2));
                    first = true;
                }

                line.Append(first ? name : $", {name}");
                first = false;
            }

            yield return line.ToString();
        }
    }
}
