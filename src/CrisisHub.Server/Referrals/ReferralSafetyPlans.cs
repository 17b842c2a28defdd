using CrisisHub.Contracts;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Referrals;

/// <summary>
/// One safety plan per student: the one a referral was sent with becomes the student's plan's (a new version). Done here,
/// after the case grain answered, not from inside it: the plan grain reads the student and the case grain waits on
/// neither, so no grain waits on another that waits on it. The packet keeps its own snapshot, as the hospital got it.
/// </summary>
public static partial class ReferralSafetyPlans
{
    public static async Task KeepAsync(IGrainFactory grains, ILoggerFactory logs, CurrentUser user, string studentId, ReferralView referral)
    {
        try
        {
            await grains.GetGrain<IStudentPlanGrain>(studentId).AdoptSafetyPlanAsync(referral.Packet.SafetyPlan, user.Actor, referral.ReferralId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The referral is made and the hospital has the plan; the student's plan missing this version (a rule, a
            // timeout, a storage or chain conflict) must not answer the referral with an error, or it is sent again.
            LogNotKept(logs.CreateLogger(typeof(ReferralSafetyPlans)), exception, referral.ReferralId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId}: its safety plan did not become the student's plan's")]
    private static partial void LogNotKept(ILogger logger, Exception exception, string referralId);
}
