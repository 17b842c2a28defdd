namespace CrisisHub.Server.Tests.Authorization;

/// <summary>What the matrix touches: a case of class ts1-g1-c1 with a referral to hospital th1, and things made for it.</summary>
public sealed record MatrixTargets(string CaseId, string ReferralId, string StudentId, string FlagKey, string SpareNode, string SpareAccount,
    string SpareStudent, object GreenChannelSettings, string BreakGlassUseId, string IntegrationClientId = "", string SpareIntegrationClientId = "",
    string QueuedSignalId = "", string SecondQueuedSignalId = "");

/// <summary>One endpoint: who may call it (everyone else is refused), and a request that passes model binding.</summary>
public sealed record HttpRule(string Method, string Pattern, Func<string, bool> Allows, Func<MatrixTargets, string> Path,
    Func<MatrixTargets, object?>? Body = null, bool IsPublic = false, bool EndsSession = false, bool NeedsIdempotencyKey = false,
    bool FromOwnPage = false)
{
    public string Key => $"{Method} {Pattern}";
}

public sealed record HubRule(string Method, Func<string, bool> Allows, Func<MatrixTargets, object?[]> Arguments);

/// <summary>
/// The authorisation matrix: every endpoint and hub method with the callers it admits. Callers are seeded
/// accounts of every role, inside the target's scope (class ts1-g1-c1, school ts1, district td, hospital th1)
/// and outside it (another class, another school, another hospital, an administrator of another district).
/// "Refused" means 401 for an anonymous caller and 401, 403 or 404 for a signed-in one. Integration clients (an API key,
/// no person) are callers too: one for school ts1 with every permission, one for school ts2; a key reaches no endpoint
/// whose rule does not name them.
/// </summary>
public static class AccessMatrix
{
    public const string Anonymous = "(anonymous)";
    public const string Monitor = "ts1-g1-c1-monitor";
    public const string Informant = "ts1-g1-c1-r1-informant";
    public const string Supervisor = "ts1-g1-c1-r1-supervisor";
    public const string Teacher = "ts1-g1-c1-teacher";
    public const string OtherTeacher = "ts1-g2-c1-teacher";
    public const string Director = "ts1-g1-director";
    public const string OtherDirector = "ts1-g2-director";
    public const string Leader = "ts1-leader";
    public const string Duty = "ts1-duty";
    public const string Psych = TestSeed.Psychologist;
    public const string OtherLeader = "ts2-leader";
    public const string Officer = "officer";
    public const string DistrictAdmin = "admin";
    public const string SchoolAdmin = "ts1-admin";
    public const string OtherAdmin = "other-admin";
    public const string Desk = "th1-desk";
    public const string OtherDesk = "th2-desk";
    /// <summary>Integration clients of district td: they call with an API key (<see cref="MatrixFixture"/> registers them).</summary>
    public const string IntegrationClient = "integration:ts1";
    public const string OtherIntegrationClient = "integration:ts2";

    public static bool IsIntegrationClient(string caller) => caller.StartsWith("integration:", StringComparison.Ordinal);

    public static readonly string[] Callers =
        [Anonymous, Monitor, Informant, Supervisor, Teacher, OtherTeacher, Director, OtherDirector, Leader, Duty, Psych, OtherLeader, Officer,
         DistrictAdmin, SchoolAdmin, OtherAdmin, Desk, OtherDesk, IntegrationClient, OtherIntegrationClient];

    private static Func<string, bool> Only(params string[] callers) => callers.Contains;

    /// <summary>The matrix's screening file (one row, for a student of class ts1-g1-c1 with nothing to flag), imported by the fixture.</summary>
    public const string ScreeningCsv = "学号,量表,日期,题1,题2,题3,题4,题5,题6,题7\nts1-g1-c1-2,GAD-7,2026-10-12,0,1,0,1,0,1,0\n";

    public static string ScreeningImportId =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ScreeningCsv)));

    /// <summary>When the matrix's signals happened: the fixture's clock starts here and only moves forward by an hour.</summary>
    public static readonly DateTimeOffset MatrixSignalTime = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A P-256 public key (uncompressed, base64url) for the matrix's push subscriptions; its device never exists.</summary>
    private static readonly string MatrixPushKey = NewPushKey();

    private static string NewPushKey()
    {
        using var key = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return System.Buffers.Text.Base64Url.EncodeToString([4, .. q.X!, .. q.Y!]);
    }

    public static HttpContent ScreeningFileContent() => new StringContent(ScreeningCsv, System.Text.Encoding.UTF8, "text/csv");
    private static readonly Func<string, bool> Everyone = _ => true;
    /// <summary>Every person signed in; not an integration client (a key is no person's session).</summary>
    private static readonly Func<string, bool> SignedIn = c => c != Anonymous && !IsIntegrationClient(c);
    private static readonly string[] IntegrationClients = [IntegrationClient, OtherIntegrationClient];
    private static readonly Func<string, bool> Nobody = _ => false;

    /// <summary>Those who may read and act on the target case: its class, dormitory, grade, school and district.</summary>
    private static readonly string[] CaseReaders = [Teacher, Supervisor, Director, Leader, Duty, Psych, Officer];
    private static readonly string[] CaseHandlers = [Teacher, Supervisor, OtherTeacher, Director, OtherDirector, Leader, Duty, Psych, OtherLeader, Officer];
    /// <summary>Staff of the case's school (and district) who handle cases: who may ask for emergency access to it.</summary>
    private static readonly string[] SameSchoolHandlers = [Teacher, Supervisor, OtherTeacher, Director, OtherDirector, Leader, Duty, Psych, Officer];
    /// <summary>Those who answer for a student's privacy: the school's psychology centre and the district's administrators.</summary>
    private static readonly string[] PrivacyOverseers = [Psych, DistrictAdmin];
    private static readonly string[] Admins = [DistrictAdmin, SchoolAdmin, OtherAdmin];
    /// <summary>Administrators whose scope holds school ts1 (its nodes, students, staff and policies).</summary>
    private static readonly string[] SchoolScope = [DistrictAdmin, SchoolAdmin];

    public static readonly HttpRule[] Http =
    [
        // Sign-in and the person's own session.
        // Cookie sign-in is for CrisisHub's own pages (it checks their Origin); the probe comes from one.
        new("POST", "/api/auth/login", Everyone, _ => "api/auth/login", _ => new { userName = Monitor, password = TestSeed.Password }, IsPublic: true,
            FromOwnPage: true),
        new("POST", "/api/auth/token", Everyone, _ => "api/auth/token", _ => new { userName = Monitor, password = TestSeed.Password }, IsPublic: true),
        new("POST", "/api/auth/logout", SignedIn, _ => "api/auth/logout", EndsSession: true),
        new("GET", "/api/auth/me", SignedIn, _ => "api/auth/me"),
        new("PUT", "/api/auth/me/language", SignedIn, _ => "api/auth/me/language", _ => new { language = "zh-CN" }),
        // What the pages read instead of copying server rules: the public configuration and each person's destinations.
        new("GET", "/api/config", Everyone, _ => "api/config", IsPublic: true),
        new("GET", "/api/home", SignedIn, _ => "api/home"),
        // The installable app's service worker: written by the server (the shell's version), public like the files it names.
        new("GET", "/sw.js", Everyone, _ => "sw.js", IsPublic: true),
        new("*", "/health/live", Everyone, _ => "health/live", IsPublic: true),
        new("*", "/health/ready", Everyone, _ => "health/ready", IsPublic: true),
        // Metrics are admitted by where the scraper is, not who: loopback (the matrix's callers), configured networks or the
        // bearer token; anyone else is refused (MetricsEndpointTests). The canary's reports (nodes and stages) for the banner.
        new("*", "/metrics", Everyone, _ => "metrics", IsPublic: true),
        new("GET", "/api/operations/canary", SignedIn, _ => "api/operations/canary"),
        new("GET", "/api/operations/cluster", SignedIn, _ => "api/operations/cluster"),

        // Flags: reporters of the class or room and the adults who may read the student's case.
        new("POST", "/api/flags", Only([Monitor, Informant, .. CaseReaders]), _ => "api/flags",
            t => new { studentId = t.StudentId, signs = new[] { "Distress" } }, NeedsIdempotencyKey: true),
        new("GET", "/api/flags/{idempotencyKey}", Only(Monitor), t => $"api/flags/{t.FlagKey}"),
        // A missing student (失联): the informant of the student's room and the adults who may flag them (a class monitor flags instead).
        new("POST", "/api/students/{studentId}/missing", Only([Informant, .. CaseReaders]), t => $"api/students/{t.StudentId}/missing",
            _ => new { lastSeenAt = "2026-11-23T07:00:00Z", lastSeenPlace = "east gate", lastSeenBy = "supervisor", warningSigns = Array.Empty<string>() },
            NeedsIdempotencyKey: true),
        // Found: those who may act on the case (409 on a case whose student is not missing is still access).
        new("POST", "/api/cases/{caseId}/found", Only(CaseReaders), t => $"api/cases/{t.CaseId}/found",
            _ => new { foundAt = "2026-11-23T07:30:00Z", foundPlace = "library", foundBy = "guard", condition = "Unharmed", hospitalNeeded = false }),
        new("GET", "/api/students/mine", SignedIn, _ => "api/students/mine"),

        // The case: its readers, and nobody else.
        new("GET", "/api/cases/{caseId}", Only(CaseReaders), t => $"api/cases/{t.CaseId}"),
        new("GET", "/api/cases/{caseId}/audit", Only(CaseReaders), t => $"api/cases/{t.CaseId}/audit"),
        new("POST", "/api/cases/{caseId}/ack", Only(CaseReaders), t => $"api/cases/{t.CaseId}/ack"),
        new("POST", "/api/cases/{caseId}/actions", Only(CaseReaders), t => $"api/cases/{t.CaseId}/actions", _ => new { kind = "Other", note = "matrix" }),
        new("POST", "/api/cases/{caseId}/grade", Only(CaseReaders), t => $"api/cases/{t.CaseId}/grade", _ => new { grade = "Major", reason = "matrix" }),
        new("POST", "/api/cases/{caseId}/close", Only(CaseReaders), t => $"api/cases/{t.CaseId}/close", _ => new { disposition = "matrix" }),
        new("POST", "/api/cases/{caseId}/consent", Only(CaseReaders), t => $"api/cases/{t.CaseId}/consent",
            _ => new { decision = "Consented", guardianName = "家长", relationship = "mother" }),
        new("GET", "/api/cases/{caseId}/hospitals", Only(CaseReaders), t => $"api/cases/{t.CaseId}/hospitals"),
        new("POST", "/api/cases/{caseId}/referrals", Only(CaseReaders), t => $"api/cases/{t.CaseId}/referrals",
            _ => new { hospitalId = TestSeed.Hospital, reason = "matrix" }),

        // A referral: the school side (the case's readers) and the desk of the hospital it is addressed to.
        new("GET", "/api/referrals/{referralId}", Only([.. CaseReaders, Desk]), t => $"api/referrals/{t.ReferralId}"),
        // The FHIR bundle is the handoff packet: not for duty officers and district staff, who read referrals without it.
        new("GET", "/api/referrals/{referralId}/fhir", Only(Teacher, Supervisor, Director, Leader, Psych, Desk), t => $"api/referrals/{t.ReferralId}/fhir"),
        new("POST", "/api/referrals/{referralId}/status", Only([.. CaseReaders, Desk]), t => $"api/referrals/{t.ReferralId}/status",
            _ => new { status = "Received" }),
        new("POST", "/api/referrals/{referralId}/notes", Only([.. CaseReaders, Desk]), t => $"api/referrals/{t.ReferralId}/notes", _ => new { note = "matrix" }),
        new("POST", "/api/referrals/{referralId}/caring-contact", Only([.. CaseReaders, Desk]), t => $"api/referrals/{t.ReferralId}/caring-contact",
            _ => new { note = "matrix" }),
        new("POST", "/api/referrals/{referralId}/re-entry", Only([.. CaseReaders, Desk]), t => $"api/referrals/{t.ReferralId}/re-entry",
            _ => new { returnDate = "2030-01-01T08:00:00Z", safetyPlan = "matrix" }),
        new("POST", "/api/referrals/{referralId}/check-ins", Only([.. CaseReaders, Desk]), t => $"api/referrals/{t.ReferralId}/check-ins",
            _ => new { note = "matrix" }),
        new("GET", "/api/hospital/queue", Only(Desk, OtherDesk), _ => "api/hospital/queue"),

        // Inboxes are each person's own; wallboards are for the school's and district's watchers.
        new("GET", "/api/alerts", Only(CaseHandlers), _ => "api/alerts"),
        new("GET", "/api/wallboards/{scopeId}", Only(Leader, Duty, Psych, Officer), _ => $"api/wallboards/{TestSeed.School}"),

        // Privacy: who read a student's data, and emergency (break-glass) access. The matrix asks with a reason too short
        // to open anything, so an admitted caller gets 400 (or 409: they already respond for the case) and nothing opens.
        new("GET", "/api/students/{studentId}/reads", Only(PrivacyOverseers), t => $"api/students/{t.StudentId}/reads"),
        // The export holds every clinical note: the psychology centre only (district administrators read no case).
        new("GET", "/api/students/{studentId}/export", Only(Psych), t => $"api/students/{t.StudentId}/export"),
        new("GET", "/api/students/{studentId}/corrections", Only(PrivacyOverseers), t => $"api/students/{t.StudentId}/corrections"),
        new("POST", "/api/students/{studentId}/corrections", Only(PrivacyOverseers), t => $"api/students/{t.StudentId}/corrections",
            _ => new { requestedBy = "mother", what = "matrix", requested = "matrix" }),
        // With an empty response: an admitted caller gets 400 (checked before the request is looked up), a refused one 403/404.
        new("POST", "/api/students/{studentId}/corrections/{requestId}/decision", Only(PrivacyOverseers),
            t => $"api/students/{t.StudentId}/corrections/none/decision", _ => new { outcome = "Corrected", response = "" }),
        new("POST", "/api/cases/{caseId}/break-glass", Only(SameSchoolHandlers), t => $"api/cases/{t.CaseId}/break-glass", _ => new { reason = "short" }),
        // Every administrator and psychology centre may ask; each gets only the uses it reviews (BreakGlassTests).
        new("GET", "/api/break-glass", Only([Psych, .. Admins]), _ => "api/break-glass"),
        new("POST", "/api/districts/{districtId}/break-glass/{useId}/review", Only(PrivacyOverseers),
            t => $"api/districts/{TestSeed.District}/break-glass/{t.BreakGlassUseId}/review", _ => new { outcome = "Justified", comment = "matrix" }),

        // The attention ledger of school ts1: its psychology centre and leading group; the district's officers read the counts only.
        new("GET", "/api/schools/{schoolId}/ledger", Only(Leader, Psych, Officer), _ => $"api/schools/{TestSeed.School}/ledger"),
        new("POST", "/api/schools/{schoolId}/ledger/reviews", Only(Leader, Psych), _ => $"api/schools/{TestSeed.School}/ledger/reviews",
            t => new { studentId = t.StudentId, month = "2026-11", toLevel = 1, note = "matrix" }),
        new("GET", "/api/schools/{schoolId}/ledger.xlsx", Only(Leader, Psych), _ => $"api/schools/{TestSeed.School}/ledger.xlsx"),
        // The archive gathers screening items and every case over years: the psychology centre only.
        new("GET", "/api/students/{studentId}/archive", Only(Psych), t => $"api/students/{t.StudentId}/archive"),
        // Monthly figures (no names): a school's report, unsuppressed, for its own leaders, psychology centre and administrators;
        // the district's report and view (each school's figures suppressed) for the district's officers and administrators only.
        new("GET", "/api/reports/schools/{schoolId}/monthly", Only(Leader, Psych, SchoolAdmin),
            _ => $"api/reports/schools/{TestSeed.School}/monthly?month=2026-11"),
        new("GET", "/api/reports/districts/{districtId}/monthly", Only(Officer, DistrictAdmin), _ => $"api/reports/districts/{TestSeed.District}/monthly?month=2026-11"),
        new("GET", "/api/reports/districts/{districtId}/overview", Only(Officer, DistrictAdmin), _ => $"api/reports/districts/{TestSeed.District}/overview"),
        // A student's plan (一生一策): the school's psychology centre reads and writes it, the adults who carry it out at the
        // student's nodes read it (without its clinical parts); duty officers and district staff read no plan. The matrix
        // saves a first plan (an admitted caller may then meet a 409 for a stale version). Each owner lists its overdue reviews.
        new("GET", "/api/students/{studentId}/plan", Only(Psych, Teacher, Supervisor, Director, Leader), t => $"api/students/{t.StudentId}/plan"),
        new("GET", "/api/students/{studentId}/plan/versions", Only(Psych), t => $"api/students/{t.StudentId}/plan/versions"),
        new("PUT", "/api/students/{studentId}/plan", Only(Psych), t => $"api/students/{t.StudentId}/plan", _ => new
        {
            plan = new
            {
                level = 2, triggers = "", warningSigns = "", agreedSupport = "", responsibleAdults = Array.Empty<object>(), nextReviewOn = "2099-01-01",
                ownerUserName = Psych,
                safetyPlan = new { warningSigns = "", internalCoping = "", peopleAndPlacesForDistraction = "", peopleToAskForHelp = "", professionalsAndHotlines = "",
                    makingTheEnvironmentSafe = "" },
            },
            expectedVersion = 0,
        }),
        new("GET", "/api/plans/reviews-due", Only(CaseHandlers), _ => "api/plans/reviews-due"),

        // Administration of the district td (the target nodes all lie in it).
        new("PUT", "/api/admin/nodes/{nodeId}", Only(SchoolScope), _ => "api/admin/nodes/ts1-g1-c7",
            _ => new { level = "Class", name = "matrix class", parentId = TestSeed.Grade }),
        new("GET", "/api/admin/nodes/{nodeId}", Only(SchoolScope), _ => $"api/admin/nodes/{TestSeed.Class}"),
        new("GET", "/api/admin/nodes/{nodeId}/children", Only(SchoolScope), _ => $"api/admin/nodes/{TestSeed.Grade}/children"),
        new("GET", "/api/admin/nodes/{nodeId}/students", Only(SchoolScope), _ => $"api/admin/nodes/{TestSeed.Class}/students"),
        new("PUT", "/api/admin/nodes/{nodeId}/responders", Only(SchoolScope), t => $"api/admin/nodes/{t.SpareNode}/responders", _ => Array.Empty<object>()),
        new("GET", "/api/admin/students/{studentId}", Only(SchoolScope), t => $"api/admin/students/{t.StudentId}"),
        new("PUT", "/api/admin/students/{studentId}", Only(SchoolScope), t => $"api/admin/students/{t.SpareStudent}",
            t => new { name = "矩阵", studentNumber = "m-1", age = 15, classId = t.SpareNode, guardians = Array.Empty<object>() }),
        new("GET", "/api/admin/schools/{schoolId}/policies", Only(SchoolScope), _ => $"api/admin/schools/{TestSeed.School}/policies"),
        new("PUT", "/api/admin/schools/{schoolId}/policies/{grade}", Only(SchoolScope), _ => $"api/admin/schools/{TestSeed.School}/policies/Watch",
            _ => new { steps = Array.Empty<object>(), repeats = 0, actionWithin = "02:00:00" }),
        new("GET", "/api/admin/accounts", Only(Admins), _ => "api/admin/accounts"),
        new("POST", "/api/admin/accounts/{userName}/unlock", Only(SchoolScope), t => $"api/admin/accounts/{t.SpareAccount}/unlock"),
        new("PUT", "/api/admin/accounts/{userName}", Only(SchoolScope), t => $"api/admin/accounts/{t.SpareAccount}",
            t => new { displayName = "Matrix teacher", role = "HeadTeacher", nodeIds = new[] { t.SpareNode } }),
        new("GET", "/api/admin/districts/{districtId}/hospitals", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/hospitals"),
        new("PUT", "/api/admin/hospitals/{hospitalId}", Only(DistrictAdmin), _ => $"api/admin/hospitals/{TestSeed.OtherHospital}",
            _ => new { districtId = TestSeed.District, name = "Test University Hospital", phone = "+13125550100", acceptedGrades = new[] { "Severe" },
                hours = "Mon-Fri 8-17", deskAccounts = new[] { new { userName = OtherDesk } } }),
        new("GET", "/api/admin/districts/{districtId}/green-channel", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/green-channel"),
        new("PUT", "/api/admin/districts/{districtId}/green-channel", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/green-channel",
            t => t.GreenChannelSettings),
        new("GET", "/api/admin/districts/{districtId}/retention", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/retention"),
        new("PUT", "/api/admin/districts/{districtId}/retention", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/retention",
            _ => new { textDays = 90, closedCaseYears = 3 }),
        new("GET", "/api/admin/districts/{districtId}/missing-grades", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/missing-grades"),
        new("PUT", "/api/admin/districts/{districtId}/missing-grades", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/missing-grades",
            _ => new { withWarningSigns = "Major", withoutWarningSigns = "Severe" }),
        new("GET", "/api/admin/districts/{districtId}/ledger-levels", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/ledger-levels"),
        new("PUT", "/api/admin/districts/{districtId}/ledger-levels", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/ledger-levels",
            _ => new { zhCn = new[] { "一级", "二级", "三级", "四级" }, en = new[] { "One", "Two", "Three", "Four" } }),
        // The district's hotline directory (everyone signed in reads their district's lines in /api/auth/me).
        new("GET", "/api/admin/districts/{districtId}/hotlines", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/hotlines"),
        new("PUT", "/api/admin/districts/{districtId}/hotlines", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/hotlines",
            _ => new { entries = new[] { new { name = "心理援助热线", nameEn = "Psychological assistance line", number = "12356", hours = "24h",
                audience = new[] { "Students", "Parents" } } } }),
        new("GET", "/api/admin/audit", Only(DistrictAdmin), _ => $"api/admin/audit?districtId={TestSeed.District}"),
        // The audit chains of district td against the signed anchors: its district administrator and its district officer.
        new("GET", "/api/audit/verification", Only(DistrictAdmin, Officer), _ => $"api/audit/verification?districtId={TestSeed.District}"),
        new("GET", "/api/admin/diagnostics/cluster", Only(Admins), _ => "api/admin/diagnostics/cluster"),
        new("GET", "/api/admin/diagnostics/storage", Only(Admins), _ => "api/admin/diagnostics/storage"),
        new("GET", "/api/admin/diagnostics/cases/{caseId}", Only(Admins), t => $"api/admin/diagnostics/cases/{t.CaseId}"),

        // SMS: health for everyone signed in; the local outbox (every text, with numbers) and simulated replies for district administrators.
        new("GET", "/api/sms/health", SignedIn, _ => "api/sms/health"),
        new("GET", "/api/sms/outbox", Only(DistrictAdmin), _ => "api/sms/outbox"),
        new("POST", "/api/sms/simulated-replies", Only(DistrictAdmin), _ => "api/sms/simulated-replies", _ => new { from = "+13125550199", body = "hello" }),

        // Web Push: the key and the channel's health for everyone signed in; each person's own devices (the target is always the
        // caller's own account, whatever the body names); only people who get alerts may add one.
        new("GET", "/api/push/key", SignedIn, _ => "api/push/key"),
        new("GET", "/api/push/health", SignedIn, _ => "api/push/health"),
        new("GET", "/api/push/devices", SignedIn, _ => "api/push/devices"),
        new("POST", "/api/push/devices", Only(CaseHandlers), _ => "api/push/devices", _ => new
        {
            endpoint = "http://127.0.0.1:9/push/matrix-device",
            keys = new { p256dh = MatrixPushKey, auth = "AAAAAAAAAAAAAAAAAAAAAA" },
            label = "matrix",
        }),
        new("POST", "/api/push/devices/remove", SignedIn, _ => "api/push/devices/remove", _ => new { endpoint = "http://127.0.0.1:9/push/matrix-device" }),

        // Screening import: the school's psychology centre only; the file is the body. Instruments: the district's administrators.
        new("GET", "/api/schools/{schoolId}/screening/instruments", Only(Psych), _ => $"api/schools/{TestSeed.School}/screening/instruments"),
        new("POST", "/api/schools/{schoolId}/screening/preview", Only(Psych), _ => $"api/schools/{TestSeed.School}/screening/preview",
            _ => ScreeningFileContent()),
        new("POST", "/api/schools/{schoolId}/screening/imports", Only(Psych),
            _ => $"api/schools/{TestSeed.School}/screening/imports?expect={ScreeningImportId}", _ => ScreeningFileContent()),
        new("GET", "/api/schools/{schoolId}/screening/imports/{importId}", Only(Psych),
            _ => $"api/schools/{TestSeed.School}/screening/imports/{ScreeningImportId}"),
        new("GET", "/api/admin/districts/{districtId}/instruments", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/instruments"),
        new("PUT", "/api/admin/districts/{districtId}/instruments/{instrumentId}", Only(DistrictAdmin),
            _ => $"api/admin/districts/{TestSeed.District}/instruments/k10", _ => new
            {
                instrumentId = "k10", name = "K10", itemCount = 10, itemMin = 1, itemMax = 5,
                rules = new[] { new { outcome = "Watch", item = (int?)null, atLeast = 25, description = "Total 25 or more" } },
            }),

        // Integration clients: what their key says they are, and a POST to test Idempotency-Key and signing; API keys only.
        new("GET", "/api/integrations/whoami", Only(IntegrationClients), _ => "api/integrations/whoami"),
        new("POST", "/api/integrations/ping", Only(IntegrationClients), _ => "api/integrations/ping", NeedsIdempotencyKey: true),
        // Their registry: the administrators of their district (a school administrator has none to manage). Rotation and
        // revocation act on a spare client (an admitted caller may meet a 409 once it is revoked).
        new("GET", "/api/admin/districts/{districtId}/integrations", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/integrations"),
        new("POST", "/api/admin/districts/{districtId}/integrations", Only(DistrictAdmin), _ => $"api/admin/districts/{TestSeed.District}/integrations",
            _ => new { name = "Matrix platform", kind = "ScreeningPlatform", schoolIds = new[] { TestSeed.School }, permissions = new[] { "PostScreeningResults" } }),
        new("POST", "/api/admin/districts/{districtId}/integrations/{clientId}/rotate", Only(DistrictAdmin),
            t => $"api/admin/districts/{TestSeed.District}/integrations/{t.SpareIntegrationClientId}/rotate", _ => new { overlapHours = 1 }),
        new("POST", "/api/admin/districts/{districtId}/integrations/{clientId}/revoke", Only(DistrictAdmin),
            t => $"api/admin/districts/{TestSeed.District}/integrations/{t.SpareIntegrationClientId}/revoke"),
        new("GET", "/api/admin/districts/{districtId}/integrations/{clientId}/calls", Only(DistrictAdmin),
            t => $"api/admin/districts/{TestSeed.District}/integrations/{t.IntegrationClientId}/calls"),

        // Signals from outside: the ts1 client posts for its school only (the ts2 client meets a 404 for ts1), and asks only
        // after its own signals (the ts2 client has no "matrix-signal" of its own). "Found" is for the client's own missing signal.
        new("POST", "/api/integrations/signals", Only(IntegrationClient), _ => "api/integrations/signals", _ => new
        {
            kind = "HotlineReferral", schoolId = TestSeed.School, hints = new { name = "matrix" }, signs = new[] { "Distress" }, occurredAt = MatrixSignalTime,
        }, NeedsIdempotencyKey: true),
        new("GET", "/api/integrations/signals/{idempotencyKey}", Only(IntegrationClient), _ => "api/integrations/signals/matrix-signal"),
        new("POST", "/api/integrations/signals/{idempotencyKey}/found", Only(IntegrationClient), _ => "api/integrations/signals/matrix-missing/found",
            _ => new { foundAt = MatrixSignalTime, foundPlace = "library", foundBy = "matrix", condition = "Unharmed", hospitalNeeded = false },
            NeedsIdempotencyKey: true),
        new("POST", "/api/integrations/schools/{schoolId}/screening/imports", Only(IntegrationClient),
            _ => $"api/integrations/schools/{TestSeed.School}/screening/imports", _ => ScreeningFileContent(), NeedsIdempotencyKey: true),
        new("GET", "/api/integrations/schools/{schoolId}/screening/imports/{importId}", Only(IntegrationClient),
            _ => $"api/integrations/schools/{TestSeed.School}/screening/imports/{ScreeningImportId}"),
        // The matching queue of the signals that named no student: the school's psychology centre only.
        new("GET", "/api/schools/{schoolId}/signals", Only(Psych), _ => $"api/schools/{TestSeed.School}/signals"),
        new("POST", "/api/schools/{schoolId}/signals/{signalId}/match", Only(Psych),
            t => $"api/schools/{TestSeed.School}/signals/{t.QueuedSignalId}/match", _ => new { studentNumber = $"{TestSeed.Class}-3" }),
        new("POST", "/api/schools/{schoolId}/signals/{signalId}/dismiss", Only(Psych),
            t => $"api/schools/{TestSeed.School}/signals/{t.SecondQueuedSignalId}/dismiss", _ => new { reason = "matrix: concerns no student here" }),
        // The integrators' OpenAPI document describes the API and holds nothing: anyone may read it.
        new("GET", "/openapi/{documentName}.json", Everyone, _ => "openapi/integrations.json", IsPublic: true),

        // Twilio's webhooks are anonymous but signed: without Twilio's signature nobody gets through.
        new("POST", "/api/twilio/status", Nobody, _ => "api/twilio/status", IsPublic: true),
        new("POST", "/api/twilio/inbound", Nobody, _ => "api/twilio/inbound", IsPublic: true),
    ];

    /// <summary>The hub's own endpoints: opening it needs a signed-in caller (tested separately), every method has a rule below.</summary>
    public static readonly string[] HubTransport = ["* /hubs/alerts", "* /hubs/alerts/negotiate"];

    public static readonly HubRule[] Hub =
    [
        new("Acknowledge", Only(CaseReaders), t => [t.CaseId]),
    ];
}
