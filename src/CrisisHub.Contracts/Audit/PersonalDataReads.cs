namespace CrisisHub.Contracts.Audit;

/// <summary>
/// What a person read of a student's data. The NAMES are stored in each read record (as text) and sent by the API:
/// never rename a member, only add.
/// </summary>
public enum PersonalDataReadKind
{
    CaseRead,
    CaseAuditRead,
    ReferralRead,
    ReferralExported,
    StudentRecordRead,
    RosterListed,
    ClassmatesListed,
    HospitalQueueListed,
    ReadsListed,
    BreakGlassOpened,
    RecordExported,
    CorrectionsRead,
    /// <summary>A school's attention ledger (分级台账) listed with names: one record per student on it.</summary>
    LedgerListed,
    /// <summary>The ledger's meeting sheet (XLSX) downloaded: one record per student on it.</summary>
    LedgerExported,
    /// <summary>A student's archive (一生一档) read.</summary>
    ArchiveRead,
    /// <summary>A student's plan (一生一策), its versions, or the plan reviews due listed in an owner's inbox.</summary>
    PlanRead,
}

/// <summary>One read by a person: who, what (a <see cref="PersonalDataReadKind"/>) and of which thing (an id, never content).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PersonalDataRead")]
public sealed record PersonalDataRead(Actor Reader, PersonalDataReadKind Kind, string Target);

/// <summary>A student's reads, newest first, and the verification of the whole chain they are kept in.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PersonalDataReadLog")]
public sealed record PersonalDataReadLog(string StudentId, PersonalDataReadEntry[] Reads, int Total, AuditVerification Verification);

[GenerateSerializer, Immutable, Alias("CrisisHub.PersonalDataReadEntry")]
public sealed record PersonalDataReadEntry(long Sequence, DateTimeOffset At, string ReaderId, string ReaderRole, string Kind, string Target);

/// <summary>
/// Who read a student's data (keyed by student id). Every read is one small hash-chained record appended to the
/// audit log stream "reads:{studentId}"; nothing is rewritten, and the grain keeps no state of its own.
/// </summary>
public interface IPersonalDataReadsGrain : IGrainWithStringKey
{
    /// <summary>Completes once the record is durable.</summary>
    Task RecordAsync(PersonalDataRead read);

    /// <summary>The newest <paramref name="take"/> reads and the verification of the whole chain.</summary>
    Task<PersonalDataReadLog> ListAsync(int take);
}
