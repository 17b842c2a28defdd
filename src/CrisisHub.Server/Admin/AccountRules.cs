using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Admin;

/// <summary>A warning-network node as the scope rules see it: where it sits and which school and district hold it.</summary>
public sealed record ScopeNode(string NodeId, NetworkLevel Level, string DistrictId, string? SchoolId)
{
    public static ScopeNode From(WarningNodeView node) =>
        new(node.NodeId, node.Level, node.DistrictId, node.Level == NetworkLevel.School ? node.NodeId : node.SchoolId);
}

/// <summary>An account's role and nodes; a null node is an id that names no warning-network node (e.g. a hospital).</summary>
public sealed record AccountShape(ResponderRole Role, ScopeNode?[] Nodes);

/// <summary>How far an account administers: nothing, one school, or a whole district. Higher outranks lower.</summary>
public enum AdminLevel
{
    None = 0,
    School = 1,
    District = 2,
}

/// <summary>Why an administrator may not save an account: 403 (outside their power) or 400 (the account itself is wrong).</summary>
public sealed record AccountRefusal(int Status, string? Field, string Detail);

/// <summary>
/// Who may create, change, disable or reset which account, in one place. An administrator acts only on accounts whose
/// every node, before and after the change, lies in their scope, and only on accounts strictly below their own level:
/// a school admin manages the school's staff and students, a district admin also the school admins, and nobody
/// manages a peer, a superior or themselves here (district admins come from the seed or an operator). A role must fit
/// the level of its nodes, and hospital desks are granted only through their hospital's definition.
/// </summary>
public static class AccountRules
{
    /// <summary>
    /// Where each role may be held. A grade director may also hold a class (a director who teaches one); nothing is held
    /// above its level, since a node's level decides whose cases its holder reads.
    /// </summary>
    public static IReadOnlyList<NetworkLevel> LevelsFor(ResponderRole role) => role switch
    {
        ResponderRole.Monitor or ResponderRole.HeadTeacher => [NetworkLevel.Class],
        ResponderRole.DormitoryInformant or ResponderRole.DormitorySupervisor => [NetworkLevel.Dormitory],
        ResponderRole.GradeDirector => [NetworkLevel.Grade, NetworkLevel.Class],
        ResponderRole.SchoolPsychologist or ResponderRole.SchoolLeader => [NetworkLevel.School],
        ResponderRole.DutyOfficer => [NetworkLevel.School, NetworkLevel.District],
        ResponderRole.DistrictOfficer => [NetworkLevel.District],
        ResponderRole.Admin => [NetworkLevel.School, NetworkLevel.District],
        // Hospital desks belong to a hospital, guardians need no account: neither is held at a node.
        _ => [],
    };

    public static AdminLevel LevelOf(AccountShape account) => account.Role != ResponderRole.Admin ? AdminLevel.None
        : account.Nodes.Any(n => n?.Level == NetworkLevel.District) ? AdminLevel.District
        : account.Nodes.Any(n => n?.Level == NetworkLevel.School) ? AdminLevel.School
        : AdminLevel.None;

    /// <summary>A node lies in an administrator's scope when they hold its district, or its school.</summary>
    public static bool InScope(AccountShape admin, ScopeNode? node) => node is not null && LevelOf(admin) != AdminLevel.None
        && admin.Nodes.Any(a => a is { Level: NetworkLevel.District } && a.NodeId == node.DistrictId
            || a is { Level: NetworkLevel.School } && a.NodeId == node.SchoolId);

    /// <summary>Whether an administrator may see (and so manage) an account at all: every node of it in scope.</summary>
    public static bool Administers(AccountShape admin, AccountShape account) =>
        account.Nodes.Length > 0 && account.Nodes.All(n => InScope(admin, n)) && LevelOf(account) < LevelOf(admin);

    /// <summary>Null when <paramref name="admin"/> may turn <paramref name="existing"/> (null: a new account) into <paramref name="requested"/>.</summary>
    public static AccountRefusal? CheckSave(AccountShape admin, AccountShape? existing, AccountShape requested)
    {
        var level = LevelOf(admin);
        if (level == AdminLevel.None) return Forbidden("Only administrators of a school or district manage accounts.");
        if (existing is not null)
        {
            if (existing.Role == ResponderRole.HospitalLiaison)
                return Forbidden("A hospital desk account is managed through its hospital (PUT /api/admin/hospitals/{id}).");
            if (!existing.Nodes.All(n => InScope(admin, n))) return Forbidden("This account acts for nodes outside your scope.");
            if (LevelOf(existing) >= level) return Forbidden("This account is an administrator at or above your level.");
        }

        if (requested.Role == ResponderRole.HospitalLiaison)
            return Invalid("role", "hospital desks are granted only through their hospital's definition (PUT /api/admin/hospitals/{id})");
        if (requested.Nodes.Length == 0) return Invalid("nodeIds", "name at least one node the account acts for");
        if (!requested.Nodes.All(n => InScope(admin, n))) return Forbidden("You may grant only nodes in your scope.");
        var allowed = LevelsFor(requested.Role);
        if (allowed.Count == 0) return Invalid("role", $"{requested.Role} is not held at a warning-network node");
        if (requested.Nodes.FirstOrDefault(n => !allowed.Contains(n!.Level)) is { } misfit)
            return Invalid("role", $"a {requested.Role} is held at {string.Join(" or ", allowed)} nodes; '{misfit.NodeId}' is a {misfit.Level}");
        if (LevelOf(requested) >= level) return Forbidden("You may grant administration only below your own level.");
        return null;
    }

    private static AccountRefusal Forbidden(string detail) => new(StatusCodes.Status403Forbidden, null, detail);

    private static AccountRefusal Invalid(string field, string reason) => new(StatusCodes.Status400BadRequest, field, reason);
}
