namespace CrisisHub.Server.Integrations;

/// <summary>The worked examples of <c>POST /api/integrations/signals</c> in the OpenAPI document (docs/integrations.md uses the same).</summary>
public static class SignalExamples
{
    public static readonly OpenApiExampleOf ByNumber = new("byStudentNumber", """
        {
          "kind": "OnlineSelfHarmPost",
          "schoolId": "hsu",
          "studentNumber": "2024010203",
          "signs": ["SelfHarm", "TalkedAboutSuicide"],
          "note": "Post at 23:40 says they cut themselves and want it to end.",
          "occurredAt": "2026-11-23T23:40:00+08:00"
        }
        """, Summary: "An online-monitoring service names the student by number: a flag on their case at once");

    public static readonly OpenApiExampleOf ByHints = new("byHints", """
        {
          "kind": "HotlineReferral",
          "schoolId": "hsu",
          "hints": { "name": "小王", "className": "初二(3)班", "other": "caller gave first name only" },
          "signs": ["WishToBeDead"],
          "occurredAt": "2026-11-23T21:05:00+08:00"
        }
        """, Summary: "A hotline knows only hints: the signal waits for the psychology centre to match it");

    public static readonly OpenApiExampleOf Missing = new("missingStudent", """
        {
          "kind": "MissingStudent",
          "schoolId": "hsu",
          "studentNumber": "2024010203",
          "signs": ["TalkedAboutSuicide"],
          "note": "Not back to the dormitory; phone off.",
          "occurredAt": "2026-11-23T22:30:00+08:00",
          "lastSeen": { "at": "2026-11-23T18:10:00+08:00", "place": "School east gate", "seenBy": "Dormitory supervisor" }
        }
        """, Summary: "The police report a missing student (needs PostMissingStudentReports)");

    public static readonly OpenApiExampleOf Matched = new("matched", """
        { "signalId": "sig-3f9a0c1d2e4b5a6978c0d1e2", "status": "Matched", "receivedAt": "2026-11-23T15:41:07+00:00" }
        """, 201, "Named a student of the school: now a flag on their case");

    public static readonly OpenApiExampleOf Invalid = new("invalid", """
        {
          "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
          "title": "The signal is not valid.",
          "status": 400,
          "errors": {
            "kind": ["is required: one of OnlineSelfHarmPost, PoliceNotice, HotlineReferral, HospitalNotice, MissingStudent"],
            "occurredAt": ["is required (ISO 8601 with an offset, e.g. 2026-11-23T14:05:00+08:00)"]
          }
        }
        """, 400, "What is wrong, field by field, with the allowed values");

    public static readonly OpenApiExampleOf KeyReused = new("keyReused", """
        { "title": "Unprocessable Entity", "status": 422, "detail": "This Idempotency-Key was already used for a different signal." }
        """, 422, "The same Idempotency-Key came back with another body");

    public static readonly OpenApiExampleOf Found = new("found", """
        {
          "foundAt": "2026-11-24T01:20:00+08:00",
          "foundPlace": "Riverside park, north bench",
          "foundBy": "Patrol officer",
          "condition": "Distressed",
          "hospitalNeeded": false,
          "note": "Cold and upset, unhurt; handed to the school duty teacher."
        }
        """, Summary: "The police found the student");

    public static readonly object[] All = [ByNumber, ByHints, Missing, Matched, Invalid, KeyReused];
}
