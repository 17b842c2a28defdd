using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Referrals;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirTask = Hl7.Fhir.Model.Task;

namespace CrisisHub.Server.Referrals;

/// <summary>
/// A referral as a FHIR R4 Bundle (ServiceRequest + Task + a minimal Patient), built with the Firely SDK so a
/// hospital system can take it as it is. While the referral's Task is under way, Task.restriction.period.end
/// carries the current deadline. Once it is completed (or rejected, cancelled, failed) it has none: a finished
/// Task with an open deadline reads as overdue work. The return-to-school check-ins that follow a completed
/// referral are the school's, so the next one is its own Task (part of the referral's, owned by the school).
/// </summary>
public static class FhirExport
{
    public const string ContentType = "application/fhir+json";
    private const string ReferralSystem = "urn:crisishub:referral";
    private const string StudentSystem = "urn:crisishub:student";
    private const string HospitalSystem = "urn:crisishub:hospital";
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string BundleJson(ReferralView referral, string studentId) => JsonSerializer.Serialize(Build(referral, studentId), Json);

    public static Bundle Build(ReferralView r, string studentId)
    {
        var patientUrl = Urn(r.ReferralId, "patient");
        var requestUrl = Urn(r.ReferralId, "service-request");
        var taskUrl = Urn(r.ReferralId, "task");
        var priority = r.Grade == CrisisGrade.Major ? RequestPriority.Stat : RequestPriority.Urgent;
        var identifier = new Identifier(ReferralSystem, r.ReferralId);
        var school = new ResourceReference { Display = r.Packet.SchoolName };
        var hospital = new ResourceReference { Display = r.HospitalName, Identifier = new Identifier(HospitalSystem, r.HospitalId) };

        var patient = new Patient
        {
            Identifier = [new Identifier(StudentSystem, studentId)],
            Name = [new HumanName { Text = r.Packet.StudentName }],
        };
        var request = new ServiceRequest
        {
            Identifier = [identifier],
            Status = r.Status switch
            {
                ReferralStatus.Completed => RequestStatus.Completed,
                ReferralStatus.Declined or ReferralStatus.Cancelled or ReferralStatus.Failed => RequestStatus.Revoked,
                _ => RequestStatus.Active,
            },
            Intent = RequestIntent.Order,
            Priority = priority,
            Code = new CodeableConcept { Text = "Green-channel psychiatric evaluation (绿色通道)" },
            Subject = new ResourceReference(patientUrl),
            AuthoredOnElement = new FhirDateTime(r.RequestedAt),
            Requester = school,
            Performer = [hospital],
            ReasonCode = [new CodeableConcept { Text = $"{r.Grade} psychological crisis" }],
        };
        var task = new FhirTask
        {
            Identifier = [identifier],
            Status = TaskStatusOf(r.Status),
            BusinessStatus = new CodeableConcept { Text = r.Status.ToString() },
            Intent = FhirTask.TaskIntent.Order,
            Priority = priority,
            Focus = new ResourceReference(requestUrl),
            For = new ResourceReference(patientUrl),
            AuthoredOnElement = new FhirDateTime(r.RequestedAt),
            LastModifiedElement = new FhirDateTime(r.UpdatedAt),
            Requester = school,
            Owner = hospital,
        };
        if (r.Events.LastOrDefault(e => e.Reason is not null && e.Kind is "Declined" or "Cancelled" or "Failed") is { } ended)
            task.StatusReason = new CodeableConcept { Text = ended.Reason };
        if (!IsFinished(task.Status) && r.CurrentDeadline is { } deadline) task.Restriction = Until(deadline);

        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Identifier = identifier,
            TimestampElement = new Instant(r.UpdatedAt),
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = requestUrl, Resource = request },
                new Bundle.EntryComponent { FullUrl = taskUrl, Resource = task },
                new Bundle.EntryComponent { FullUrl = patientUrl, Resource = patient },
            ],
        };
        if (r.Status == ReferralStatus.Completed && r.Return.CheckIns.FirstOrDefault(c => c.DoneAt is null && !c.Missed) is { } next)
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(r.ReferralId, $"check-in-{next.Number}"), Resource = CheckInTask(r, next, taskUrl, patientUrl, school) });
        return bundle;
    }

    private static FhirTask CheckInTask(ReferralView r, CheckInView next, string taskUrl, string patientUrl, ResourceReference school) => new()
    {
        Identifier = [new Identifier(ReferralSystem, $"{r.ReferralId}/check-in-{next.Number}")],
        PartOf = [new ResourceReference(taskUrl)],
        Status = FhirTask.TaskStatus.Requested,
        Intent = FhirTask.TaskIntent.Plan,
        Code = new CodeableConcept { Text = "Return-to-school check-in (复学随访)" },
        Description = $"Check-in {next.Number} of {r.Return.CheckIns.Length} after the return to school",
        For = new ResourceReference(patientUrl),
        AuthoredOnElement = new FhirDateTime(r.UpdatedAt),
        Requester = school,
        Owner = school,
        Restriction = Until(next.DueAt),
    };

    private static bool IsFinished(FhirTask.TaskStatus? status) => status is FhirTask.TaskStatus.Completed or FhirTask.TaskStatus.Rejected
        or FhirTask.TaskStatus.Cancelled or FhirTask.TaskStatus.Failed;

    private static FhirTask.RestrictionComponent Until(DateTimeOffset end) => new() { Period = new Period { EndElement = new FhirDateTime(end) } };

    private static FhirTask.TaskStatus TaskStatusOf(ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => FhirTask.TaskStatus.Requested,
        ReferralStatus.Received => FhirTask.TaskStatus.Received,
        ReferralStatus.Accepted => FhirTask.TaskStatus.Accepted,
        ReferralStatus.Declined => FhirTask.TaskStatus.Rejected,
        ReferralStatus.Completed => FhirTask.TaskStatus.Completed,
        ReferralStatus.Cancelled => FhirTask.TaskStatus.Cancelled,
        ReferralStatus.Failed => FhirTask.TaskStatus.Failed,
        _ => FhirTask.TaskStatus.InProgress,
    };

    /// <summary>A stable urn:uuid per referral and part, so two exports of one referral name the same resources.</summary>
    private static string Urn(string referralId, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{referralId}/{part}"));
        hash[6] = (byte)(hash[6] & 0x0F | 0x50);
        hash[8] = (byte)(hash[8] & 0x3F | 0x80);
        return $"urn:uuid:{new Guid(hash.AsSpan(0, 16), bigEndian: true)}";
    }
}
