using System.Security.Cryptography;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Network;

public sealed class StudentGrain(
    [PersistentState("student", StorageNames.Network)] IPersistentState<StudentState> state) : Grain, IStudentGrain
{
    private string StudentId => this.GetPrimaryKeyString();

    public async Task<StudentView> RegisterAsync(StudentRecord record)
    {
        var registration = await RegisterUnlistedAsync(record);
        var classNode = Node(record.ClassId);
        await classNode.AddChildrenAsync([registration.Family]);
        await classNode.AddStudentsAsync([StudentId]);
        if (record.DormitoryId is not null) await Node(record.DormitoryId).AddStudentsAsync([StudentId]);
        return registration.Student;
    }

    public async Task<StudentRegistration> RegisterUnlistedAsync(StudentRecord record)
    {
        Validate(record);
        record = record with
        {
            Guardians = [.. record.Guardians.Select(g => g with { Phone = PhoneNumberRules.TryNormalize(g.Phone, out var e164) ? e164 : g.Phone })],
        };
        var classNode = await Node(record.ClassId).GetAsync();
        if (classNode is not { Level: NetworkLevel.Class })
            throw DomainRuleException.Invalid("classId", $"'{record.ClassId}' is not a class");
        if (record.DormitoryId is not null)
        {
            var room = await Node(record.DormitoryId).GetAsync();
            if (room is not { Level: NetworkLevel.Dormitory } || room.SchoolId != classNode.SchoolId)
                throw DomainRuleException.Invalid("dormitoryId", $"'{record.DormitoryId}' is not a dormitory room of the student's school");
        }

        var grade = await Node(classNode.ParentId!).GetAsync();
        var familyId = $"fam-{StudentId}";
        var family = await Node(familyId).DefineUnlistedAsync(
            new WarningNodeDefinition(familyId, NetworkLevel.Family, $"Family of {record.StudentNumber}", record.ClassId),
            [.. record.Guardians.Select((g, i) => new Responder($"{familyId}-{i + 1}", g.Name, ResponderRole.Guardian, g.Phone, OnDuty: true, AccountId: null))]);

        var before = state.State.Placement is { } placed && state.State.Record is { } held ? (placed.SchoolId, held.StudentNumber, held.ClassId) : default;
        state.State.Record = record;
        state.State.Placement = new StudentPlacement(classNode.DistrictId, classNode.SchoolId!, grade!.NodeId,
            classNode.NodeId, record.DormitoryId, familyId);
        await state.WriteStateAsync();
        // A known student whose number or class changed: the school's roster (what screening files are matched against)
        // must fetch them again. A new student needs no word: the roster finds them in their class.
        if (before.SchoolId is not null && (before.StudentNumber != record.StudentNumber || before.ClassId != record.ClassId))
            await GrainFactory.GetGrain<ISchoolRosterGrain>(before.SchoolId).ForgetAsync(StudentId);
        return new StudentRegistration(View(), family);
    }

    public Task<StudentView?> GetAsync() => Task.FromResult(state.State.Record is null ? null : View());

    public Task<string[]> CaseIdsAsync()
    {
        var s = state.State;
        return Task.FromResult<string[]>(s.OpenCaseId is { } open && !s.CaseIds.Contains(open) ? [.. s.CaseIds, open] : [.. s.CaseIds]);
    }

    public async Task<FlagReceipt> SubmitFlagAsync(FlagSubmission flag)
    {
        var s = state.State;
        if (s.Record is null || s.Placement is null) throw DomainRuleException.NotFound($"Student '{StudentId}' does not exist.");

        if (s.OpenCaseId is { } caseId)
        {
            var existing = GrainFactory.GetGrain<IStudentCaseGrain>(caseId);
            if (await existing.GetRoutingAsync() is not null)
            {
                await existing.AttachFlagAsync(flag);
                return new FlagReceipt(flag.FlagId, StudentId, caseId, OpenedNewCase: false, flag.SubmittedAt);
            }
        }
        else
        {
            // Stored before the case opens: a crash in between leaves the student pointing at a case the retry opens,
            // never a case no student points at (which a later, different flag would duplicate).
            s.OpenCaseId = NewCaseId();
            s.CaseIds.Add(s.OpenCaseId);
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IStudentCaseGrain>(s.OpenCaseId)
            .OpenAsync(new CaseOpening(s.OpenCaseId, StudentId, s.Record.Name, s.Placement, flag));
        return new FlagReceipt(flag.FlagId, StudentId, s.OpenCaseId, OpenedNewCase: true, flag.SubmittedAt);
    }

    public async Task ReleaseCaseAsync(string caseId)
    {
        if (state.State.OpenCaseId != caseId) return;
        state.State.OpenCaseId = null;
        await state.WriteStateAsync();
    }

    private IWarningNodeGrain Node(string id) => GrainFactory.GetGrain<IWarningNodeGrain>(id);

    private StudentView View() => new(state.State.Record!, state.State.Placement!, state.State.OpenCaseId);

    /// <summary>A case code people can read out on the phone: no 0/O or 1/I confusion.</summary>
    private static string NewCaseId()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"c-{new string(code).ToLowerInvariant()}";
    }

    private void Validate(StudentRecord record)
    {
        var errors = new Dictionary<string, string[]>();
        if (record.StudentId != StudentId) errors["studentId"] = ["does not match the student addressed"];
        if (!NodeRules.IsValidId(record.StudentId)) errors["studentId"] = ["must be 1-64 lower-case letters, digits or '-'"];
        if (string.IsNullOrWhiteSpace(record.Name) || record.Name.Length > 50) errors["name"] = ["is required (at most 50 characters)"];
        if (string.IsNullOrWhiteSpace(record.StudentNumber) || record.StudentNumber.Length > 32) errors["studentNumber"] = ["is required (at most 32 characters)"];
        if (record.Age is < 5 or > 60) errors["age"] = ["must be between 5 and 60"];
        for (var i = 0; i < record.Guardians.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(record.Guardians[i].Name)) errors[$"guardians[{i}].name"] = ["is required"];
            if (!PhoneNumberRules.TryNormalize(record.Guardians[i].Phone, out _)) errors[$"guardians[{i}].phone"] = [NodeRules.PhoneRule];
        }

        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The student record is not valid.", errors);
    }
}
