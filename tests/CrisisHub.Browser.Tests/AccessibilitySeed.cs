using System.Runtime.CompilerServices;
using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// What the accessibility and small-screen checks look at: a severe case of class ts1-g1-c1 (student 20, used by no other
/// browser test) with the guardian's consent and a referral to hospital th2, left unaccepted so the desk shows its
/// "accept" button. Made once per server and shared; the checks only read it.
/// </summary>
public sealed record AccessibilitySubject(string StudentId, string CaseId, string ReferralId)
{
    public const string Teacher = "ts1-g1-c1-teacher";
    public const string Desk = "th2-desk";

    private static readonly ConditionalWeakTable<BrowserFixture, Task<AccessibilitySubject>> Made = new();
    private static readonly Lock Making = new();

    public static Task<AccessibilitySubject> ForAsync(BrowserFixture browser)
    {
        lock (Making) return Made.GetValue(browser, MakeAsync);
    }

    private static async Task<AccessibilitySubject> MakeAsync(BrowserFixture browser)
    {
        var studentId = TestSeed.Student(TestSeed.Class, 20);
        var teacher = await ApiClient.SignInAsync(browser.Factory, Teacher);
        var flag = await teacher.FlagAsync(studentId, "a11y-subject", ObservedSign.SelfHarm);
        flag.EnsureSuccessStatusCode();
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" }))
            .EnsureSuccessStatusCode();
        var referral = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.OtherHospital,
            reason = "Self-harm this morning",
            safetyPlan = new
            {
                warningSigns = "withdrawal", internalCoping = "music", peopleAndPlacesForDistraction = "library",
                peopleToAskForHelp = "head teacher", professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "blades removed",
            },
            meansAccess = "none at school",
            protectiveFactors = "close to her sister",
            schoolContactName = "Ms Li",
            schoolContactPhone = "+12025550177",
        });
        referral.EnsureSuccessStatusCode();
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetString()!;
        return new AccessibilitySubject(studentId, caseId, referralId);
    }
}
