using System.Reflection;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// The enums in Contracts are the one list of kinds; the string constants grain code writes records with must be
/// aliases of their names (one per member, none invented), so the label test over the enums covers every record.
/// </summary>
public sealed class KindNamesTests
{
    public static TheoryData<Type, Type> Aliases => new()
    {
        { typeof(AuditActions), typeof(AuditAction) },
        { typeof(AdminAuditActions), typeof(AdminAuditAction) },
        { typeof(ReferralEventKinds), typeof(ReferralEventKind) },
    };

    [Theory]
    [MemberData(nameof(Aliases))]
    public void EveryStringConstantIsTheNameOfOneEnumMember(Type constants, Type kinds)
    {
        var values = constants.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        values.ShouldBe(Enum.GetNames(kinds), ignoreOrder: true);
    }

    [Fact]
    public void ACaseTrailCanHoldEveryActionAndEveryChainedReferralEvent()
    {
        var chained = Enum.GetNames<ReferralStatus>().Concat(Enum.GetNames<ReferralEventKind>()).Select(k => "Referral" + k);

        // "ReferralRequested" is both an action and a chained event: listed once.
        AuditActions.All.ShouldBe(Enum.GetNames<AuditAction>().Concat(chained).Distinct(), ignoreOrder: true);
        AuditActions.All.ShouldBeUnique();
    }

    [Fact]
    public void AStoredActionIsTheEnumMembersName()
    {
        AuditAction.CaseRead.Stored().ShouldBe(AuditActions.CaseRead);
        AdminAuditAction.PolicySet.Stored().ShouldBe(AdminAuditActions.PolicySet);
    }
}
