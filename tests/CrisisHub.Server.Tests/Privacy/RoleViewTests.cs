using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Tests.Privacy;

/// <summary>
/// Minimum necessary, asserted on the JSON itself: each role's answer has exactly the fields listed here. A field added
/// to a view fails these tests until someone decides, here, who may read it.
/// </summary>
public sealed class RoleViewTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Teacher = "ts1-g1-c1-teacher";

    /// <summary>A Severe case with a note on its flag, a teacher's and a psychologist's action, a grade change, texts and a referral.</summary>
    private async Task<(string CaseId, string ReferralId)> WorkedCaseAsync(int student)
    {
        var teacher = await server.SignInAsync(Teacher);
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var flag = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, student), $"views-{student}", ObservedSign.SaidTheyIntendToAct);
        flag.EnsureSuccessStatusCode();
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/actions", new { kind = "TalkedWithStudent", note = "talked at lunch" })).EnsureSuccessStatusCode();
        (await psych.PostAsync($"api/cases/{caseId}/actions", new { kind = "Other", note = "clinical impression: acute risk" })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"api/cases/{caseId}/grade", new { grade = "Severe", reason = "reassessed after talking" })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother", note = "by phone" }))
            .EnsureSuccessStatusCode();
        var referral = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.Hospital, reason = "plan with means", meansAccess = "none at school", protectiveFactors = "sister",
            safetyPlan = new
            {
                warningSigns = "withdrawal", internalCoping = "music", peopleAndPlacesForDistraction = "library",
                peopleToAskForHelp = "head teacher", professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "belt removed",
            },
            schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
        });
        referral.StatusCode.ShouldBe(HttpStatusCode.Created, await referral.Content.ReadAsStringAsync());
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetString()!;
        var desk = await server.SignInAsync(TestSeed.HospitalDesk);
        (await desk.PostAsync($"api/referrals/{referralId}/status", new { status = "Received", note = "bed being found" })).EnsureSuccessStatusCode();
        return (caseId, referralId);
    }

    private static readonly string[] Escalation =
    [
        "escalation", "escalation.acknowledgedAt", "escalation.acknowledgedBy", "escalation.actionDueAt", "escalation.currentLevels",
        "escalation.exhausted", "escalation.notifiedNodeIds", "escalation.round", "escalation.state", "escalation.stepCount", "escalation.stepDeadline",
        "escalation.stepIndex",
    ];

    private static readonly string[] Placement =
    [
        "placement", "placement.classId", "placement.districtId", "placement.dormitoryId", "placement.familyId", "placement.gradeId", "placement.schoolId",
    ];

    private static readonly string[] ReferralSummary =
    [
        "referrals", "referrals[].age", "referrals[].caseId", "referrals[].currentDeadline", "referrals[].currentDeadlineName", "referrals[].followUpActive",
        "referrals[].grade", "referrals[].hospitalId", "referrals[].hospitalName", "referrals[].maskedName", "referrals[].overdue", "referrals[].referralId",
        "referrals[].requestedAt", "referrals[].schoolName", "referrals[].status", "referrals[].updatedAt", "referrals[].version",
    ];

    private static readonly string[] CaseCommon =
    [
        "caseId", "canRefer", "closedAt", "grade", "gradeTooLowToRefer", "isOpen", "openedAt", "ownerId", "status", "studentId",
        "missingEpisodes", "studentMissing",
        .. Escalation, .. Placement, .. ReferralSummary,
    ];

    /// <summary>The psychology centre: everything, clinical notes included.</summary>
    private static readonly string[] Clinical =
    [
        .. CaseCommon, "studentName", "disposition",
        "flags", "flags[].flagId", "flags[].note", "flags[].reporterId", "flags[].signs", "flags[].source", "flags[].submittedAt", "flags[].suggestedGrade",
        "actions", "actions[].actorId", "actions[].actorName", "actions[].actorRole", "actions[].at", "actions[].kind", "actions[].note",
        "gradeChanges", "gradeChanges[].actorId", "gradeChanges[].at", "gradeChanges[].from", "gradeChanges[].reason", "gradeChanges[].to",
        "texts", "texts[].errorCode", "texts[].firing", "texts[].messageId", "texts[].recipientId", "texts[].recipientName", "texts[].role", "texts[].round",
        "texts[].status", "texts[].step", "texts[].unreachable",
        "unsubscribedRecipients", "guardianConfirmations",
        "consents", "consents[].decision", "consents[].guardianName", "consents[].note", "consents[].recordedAt", "consents[].recordedBy", "consents[].relationship",
    ];

    /// <summary>Those who act on the alert: as the psychology centre, but a psychologist's note is withheld (and flagged as such).</summary>
    private static readonly string[] Responder =
    [
        .. Clinical.Where(f => f != "actions[].actorRole"), "actions[].noteWithheld",
    ];

    /// <summary>Duty officers and district staff: masked name, no free text, no signs, no contacts.</summary>
    private static readonly string[] Oversight =
    [
        .. CaseCommon, "maskedName",
        "flags", "flags[].flagId", "flags[].source", "flags[].submittedAt", "flags[].suggestedGrade",
        "actions", "actions[].actorId", "actions[].at", "actions[].kind",
        "gradeChanges", "gradeChanges[].actorId", "gradeChanges[].at", "gradeChanges[].from", "gradeChanges[].to",
        "texts", "texts[].errorCode", "texts[].firing", "texts[].messageId", "texts[].role", "texts[].round", "texts[].status", "texts[].step",
        "texts[].unreachable",
        "consents", "consents[].decision", "consents[].recordedAt",
    ];

    public static TheoryData<string, string> CaseReaders() => new()
    {
        { TestSeed.Psychologist, nameof(Clinical) },
        { Teacher, nameof(Responder) },
        { "ts1-g1-c1-r1-supervisor", nameof(Responder) },
        { "ts1-g1-director", nameof(Responder) },
        { "ts1-leader", nameof(Responder) },
        { "ts1-duty", nameof(Oversight) },
        { "officer", nameof(Oversight) },
    };

    private static string[] Expected(string shape) => shape switch
    {
        nameof(Clinical) => Clinical,
        nameof(Responder) => Responder,
        _ => Oversight,
    };

    [Theory]
    [MemberData(nameof(CaseReaders))]
    public async Task EachRoleReadsACaseWithExactlyItsFields(string reader, string shape)
    {
        var (caseId, _) = await WorkedCaseAsync(1 + Array.IndexOf(CaseReaders().Select(r => (string)r[0]).ToArray(), reader));
        var client = await server.SignInAsync(reader);

        var fields = await JsonFields.OfAsync(await client.Http.GetAsync($"api/cases/{caseId}"));
        ShouldBeExactly(fields, Expected(shape), $"GET case as {reader}");
        // A change answers with the case too, in the same shape.
        var acted = await JsonFields.OfAsync(await client.PostAsync($"api/cases/{caseId}/actions", new { kind = "Other", note = "checked in" }));
        ShouldBeExactly(acted, Expected(shape), $"POST action as {reader}");
    }

    [Fact]
    public async Task AResponderSeesThatAClinicalNoteExistsButNotItsText()
    {
        var (caseId, referralId) = await WorkedCaseAsync(9);
        // The referral's packet carries the actions so far: the desk (clinicians) reads the psychologist's note, the school's responders do not.
        var deskReads = await (await (await server.SignInAsync(TestSeed.HospitalDesk)).Http.GetAsync($"api/referrals/{referralId}")).Content.ReadAsStringAsync();
        deskReads.ShouldContain("clinical impression");
        var teacherReads = await (await (await server.SignInAsync(Teacher)).Http.GetAsync($"api/referrals/{referralId}")).Content.ReadAsStringAsync();
        teacherReads.ShouldNotContain("clinical impression");
        teacherReads.ShouldContain("talked at lunch");
        (await (await (await server.SignInAsync(Teacher)).Http.GetAsync($"api/referrals/{referralId}/fhir")).Content.ReadAsStringAsync())
            .ShouldNotContain("clinical impression");
        var teacher = await server.SignInAsync(Teacher);
        var json = await (await teacher.Http.GetAsync($"api/cases/{caseId}")).Content.ReadAsStringAsync();
        json.ShouldNotContain("clinical impression");
        json.ShouldContain("talked at lunch");
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var clinical = await psych.GetAsync<CaseView>($"api/cases/{caseId}");
        clinical.Actions.ShouldContain(a => a.Note == "clinical impression: acute risk");
        var duty = await (await (await server.SignInAsync("ts1-duty")).Http.GetAsync($"api/cases/{caseId}")).Content.ReadAsStringAsync();
        foreach (var text in new[] { "talked at lunch", "seen at lunch", "reassessed", clinical.StudentName, "家长", "by phone", "Staff ts1" }) duty.ShouldNotContain(text);
    }

    [Fact]
    public async Task OversightReadsTheAuditTrailWithoutItsDetail()
    {
        var (caseId, _) = await WorkedCaseAsync(10);
        var duty = await server.SignInAsync("ts1-duty");
        var fields = await JsonFields.OfAsync(await duty.Http.GetAsync($"api/cases/{caseId}/audit"));
        ShouldBeExactly(fields,
        [
            "caseId", "records", "records[].action", "records[].actorId", "records[].actorRole", "records[].at", "records[].hash", "records[].sequence",
            "records[].step", "records[].step.deadline", "records[].step.levels", "records[].step.round", "records[].step.stepCount", "records[].step.stepIndex",
            "verification", "verification.firstBrokenSequence", "verification.intact", "verification.problem", "verification.recordCount",
        ], "audit as duty officer");
        var teacher = await server.SignInAsync(Teacher);
        (await JsonFields.OfAsync(await teacher.Http.GetAsync($"api/cases/{caseId}/audit"))).ShouldContain("records[].after");
    }

    [Fact]
    public async Task AReferralIsWholeForItsDeskAndTheSchoolAndBareForOversight()
    {
        var (_, referralId) = await WorkedCaseAsync(11);
        var desk = await JsonFields.OfAsync(await (await server.SignInAsync(TestSeed.HospitalDesk)).Http.GetAsync($"api/referrals/{referralId}"));
        var teacher = await JsonFields.OfAsync(await (await server.SignInAsync(Teacher)).Http.GetAsync($"api/referrals/{referralId}"));
        var duty = await JsonFields.OfAsync(await (await server.SignInAsync("ts1-duty")).Http.GetAsync($"api/referrals/{referralId}"));
        desk.ShouldContain("packet.safetyPlan.warningSigns");
        desk.ShouldContain("packet.guardians[].phone");
        teacher.SetEquals(desk).ShouldBeTrue("the school side and the desk read the same referral");
        ShouldBeExactly(duty,
        [
            "caseId", "currentDeadline", "deadlines", "deadlines[].dueAt", "deadlines[].metAt", "deadlines[].missed", "deadlines[].name", "deadlines[].reach",
            "events", "events[].actorId", "events[].actorRole", "events[].at", "events[].kind", "events[].sequence", "events[].side", "events[].status",
            "grade", "hospitalId", "hospitalName", "hospitalPhone", "overdue", "referralId", "requestedAt",
            "return", "return.caringContactAt", "return.caringContactDueAt", "return.checkIns", "return.dischargedAt", "return.returnDate",
            "status", "updatedAt",
        ], "referral as duty officer");
        (await (await server.SignInAsync("ts1-duty")).Http.GetAsync($"api/referrals/{referralId}/fhir")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAdministratorsClassListHasNoGuardians()
    {
        var admin = await server.SignInAsync("admin");
        var roster = await JsonFields.OfAsync(await admin.Http.GetAsync($"api/admin/nodes/{TestSeed.Class}/students"));
        ShouldBeExactly(roster, ["[].classId", "[].dormitoryId", "[].guardianCount", "[].hasOpenCase", "[].name", "[].studentId", "[].studentNumber"],
            "class list");
        var one = await JsonFields.OfAsync(await admin.Http.GetAsync($"api/admin/students/{TestSeed.Student(TestSeed.Class, 2)}"));
        one.ShouldContain("record.guardians[].phone", "the one student's record, whose read is recorded, has them");
    }

    [Fact]
    public async Task AReporterSeesClassmatesAndTheirOwnReceiptOnly()
    {
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");
        ShouldBeExactly(await JsonFields.OfAsync(await monitor.Http.GetAsync("api/students/mine")),
            ["[].classId", "[].dormitoryId", "[].name", "[].studentId", "[].studentNumber"], "classmates");
        var flag = await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 12), "views-receipt", ObservedSign.Distress);
        flag.StatusCode.ShouldBe(HttpStatusCode.Created);
        var receipt = await flag.Content.ReadFromJsonAsync<JsonElement>();
        ShouldBeExactly(JsonFields.Of(receipt), ["caseId", "flagId", "status", "submittedAt"], "receipt");
        receipt.GetProperty("caseId").ValueKind.ShouldBe(JsonValueKind.Null, "a reporting student gets no case id");
        ShouldBeExactly(await JsonFields.OfAsync(await monitor.Http.GetAsync("api/flags/views-receipt")), ["caseId", "flagId", "status", "submittedAt"], "receipt");
    }

    [Theory]
    [InlineData(ResponderRole.SchoolPsychologist, "someone", false, true)]
    [InlineData(ResponderRole.HeadTeacher, "someone", false, false)]
    [InlineData(null, "someone", false, true)]  // written before authors' roles were kept: withheld...
    [InlineData(null, "reader", false, false)]  // ...unless the reader wrote it
    [InlineData(ResponderRole.SchoolPsychologist, "someone", true, false)]  // no note, nothing to withhold
    public void WhichNotesAreClinical(ResponderRole? authorRole, string authorId, bool noNote, bool withheld) =>
        CrisisHub.Server.Privacy.ClinicalNotes.WithheldFrom("reader", authorRole, authorId, noNote ? null : "a note").ShouldBe(withheld);

    private static void ShouldBeExactly(SortedSet<string> actual, IEnumerable<string> expected, string what)
    {
        var wanted = new SortedSet<string>(expected, StringComparer.Ordinal);
        var extra = actual.Except(wanted).ToList();
        var missing = wanted.Except(actual).ToList();
        (extra.Count + missing.Count).ShouldBe(0,
            $"{what}\nfields sent but not listed (a leak, or list them):\n{JsonFields.Lines(extra)}\nfields listed but not sent:\n{JsonFields.Lines(missing)}");
    }
}
