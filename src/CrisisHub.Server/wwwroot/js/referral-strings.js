// The green channel's words (case page, hospital desk, wallboard), in zh-CN and English.
import { addStrings, t } from './i18n.js';

const statuses = {
  Requested: ['已发出', 'Requested'], Received: ['医院已收到', 'Received'], Accepted: ['医院已接收', 'Accepted'],
  Declined: ['医院已拒绝', 'Declined'], StudentInTransit: ['学生在途', 'Student in transit'], Arrived: ['学生已到院', 'Arrived'],
  Evaluated: ['已完成评估', 'Evaluated'], Admitted: ['已住院', 'Admitted'], Outpatient: ['门诊治疗', 'Outpatient'],
  Discharged: ['已出院', 'Discharged'], ReturnClearance: ['医院同意复学', 'Return clearance'], Completed: ['已复学', 'Completed'],
  Cancelled: ['学校已取消', 'Cancelled'], Failed: ['医院无法完成', 'Failed'],
};

const strings = {
  'home.hospital': ['转介接收台', 'Referral desk'],
  'ref.title': ['绿色通道转介', 'Green-channel referral'],
  'ref.none': ['暂无转介。', 'No referral yet.'],
  'ref.onlySevere': ['严重、重大个案可走绿色通道。', 'The green channel is for Severe and Major cases.'],
  'ref.consent': ['监护人意见', "Guardian's decision"],
  'ref.decision': ['意见', 'Decision'],
  'ref.Consented': ['同意转介', 'Consented'],
  'ref.Refused': ['拒绝转介', 'Refused'],
  'ref.guardianName': ['监护人姓名', 'Guardian name'],
  'ref.relationship': ['关系', 'Relationship'],
  'ref.note': ['说明（可选）', 'Note (optional)'],
  'ref.recordConsent': ['记录监护人意见', "Record the guardian's decision"],
  'ref.request': ['发起转介', 'Ask for a referral'],
  'ref.hospital': ['定点医院', 'Designated hospital'],
  'ref.hours': ['接诊时间 {hours}', 'Hours {hours}'],
  'ref.reason': ['转介原因', 'Reason'],
  'ref.safetyPlan': ['安全计划', 'Safety plan'],
  'ref.sp.warningSigns': ['预警信号', 'Warning signs'],
  'ref.sp.internalCoping': ['自我应对方法', 'Internal coping'],
  'ref.sp.peopleAndPlacesForDistraction': ['可转移注意力的人和地方', 'People and places for distraction'],
  'ref.sp.peopleToAskForHelp': ['可求助的人', 'People to ask for help'],
  'ref.sp.professionalsAndHotlines': ['专业人员和热线', 'Professionals and hotlines'],
  'ref.sp.makingTheEnvironmentSafe': ['让环境更安全', 'Making the environment safe'],
  'ref.meansAccess': ['危险物品/手段的可及性', 'Access to means'],
  'ref.protectiveFactors': ['保护性因素', 'Protective factors'],
  'ref.contactName': ['学校联系人', 'School contact'],
  'ref.contactPhone': ['联系人手机号', 'Contact phone'],
  'ref.send': ['发送转介', 'Send the referral'],
  'ref.deadline': ['{name}截止 {time}', '{name} due {time}'],
  'ref.overdue': ['已超时', 'Overdue'],
  'ref.cancel': ['取消转介', 'Cancel the referral'],
  'ref.cancelReason': ['取消原因（必填）', 'Reason (required)'],
  'ref.caringContact': ['出院后关怀联系', 'Caring contact after discharge'],
  'ref.caringDue': ['须在 {time} 前联系', 'Due by {time}'],
  'ref.reEntry': ['复学会议', 'Re-entry meeting'],
  'ref.returnDate': ['复学日期', 'Return date'],
  'ref.reEntryPlan': ['更新的安全计划', 'Updated safety plan'],
  'ref.triggers': ['诱发因素', 'Triggers'],
  'ref.academic': ['学业调整', 'Academic adjustments'],
  'ref.classmates': ['如何告知同学', 'What classmates are told'],
  'ref.checkIns': ['复学后随访', 'Follow-up check-ins'],
  'ref.checkIn': ['记录本次随访', 'Record this check-in'],
  'ref.checkInDue': ['第 {n} 次随访 · 截止 {time}', 'Check-in {n} · due {time}'],
  'ref.checkInDone': ['第 {n} 次随访 · 已完成 {time}', 'Check-in {n} · done {time}'],
  'ref.checkInMissed': ['第 {n} 次随访 · 已错过', 'Check-in {n} · missed'],
  'ref.fhir': ['导出 FHIR', 'Export FHIR'],
  'ref.save': ['保存', 'Save'],
  'ref.events': ['转介记录', 'Referral steps'],
  'ref.noteForSchool': ['给学校的留言', 'Note for the school'],
  'deadline.Accepted': ['医院接收', 'Hospital accepts'],
  'deadline.Arrived': ['学生到院', 'Student arrives'],
  'deadline.Evaluated': ['完成评估', 'Evaluation'],
  'deadline.CaringContact': ['关怀联系', 'Caring contact'],
  'deadline.CheckIn': ['第 {n} 次随访', 'Check-in {n}'],
  'desk.title': ['绿色通道接收台', 'Green-channel desk'],
  'desk.queue': ['转介队列', 'Referral queue'],
  'desk.empty': ['暂无转介。', 'No referrals.'],
  'desk.choose': ['请选择左侧的转介。', 'Choose a referral.'],
  'desk.packet': ['交接资料', 'Handoff packet'],
  'desk.student': ['学生', 'Student'],
  'desk.age': ['{n} 岁', 'age {n}'],
  'desk.schoolContact': ['学校联系人', 'School contact'],
  'desk.signs': ['观察到的迹象', 'Signs seen'],
  'desk.actions': ['学校已采取的措施', 'Actions so far'],
  'desk.guardians': ['监护人', 'Guardians'],
  'desk.consent': ['监护人意见：{decision}（{name}）', "Guardian's decision: {decision} ({name})"],
  'desk.next': ['下一步', 'Next step'],
  'desk.reason': ['原因（拒绝、无法完成时必填）', 'Reason (required to decline or fail)'],
  'desk.note': ['给学校的说明', 'Note for the school'],
  'desk.admission': ['监护人已同意住院', 'The guardian consented to admission'],
  'desk.addNote': ['发送留言', 'Send a note'],
  'desk.forbidden': ['只有定点医院联络员可使用接收台。', 'Only hospital liaison desks have a referral queue.'],
  'wallboard.referral': ['转介：{status}', 'Referral: {status}'],
  'wallboard.referralOverdue': ['转介超时', 'Referral overdue'],
  'audit.GuardianConsented': ['监护人同意转介', 'Guardian consented'],
  'audit.GuardianRefused': ['监护人拒绝转介', 'Guardian refused'],
  'audit.ReferralRequested': ['发起绿色通道转介', 'Referral requested'],
  'audit.ReferralDeadlineMissed': ['转介时限已过', 'Referral deadline missed'],
  'audit.ReferralNote': ['转介留言', 'Referral note'],
  'audit.ReferralCaringContact': ['出院后关怀联系', 'Caring contact made'],
  'audit.ReferralCheckIn': ['复学随访', 'Follow-up check-in'],
  'audit.ReferralCheckInMissed': ['错过复学随访', 'Check-in missed'],
  'audit.ReferralFollowUpEnded': ['随访结束', 'Follow-up ended'],
  'audit.FollowUpAlertRaised': ['随访缺失：发出一般预警', 'Missed check-in: General alert'],
};
// What the desk's buttons say: the step the hospital takes.
const moves = {
  Received: ['确认收到', 'Mark received'], Accepted: ['接收', 'Accept'], Declined: ['拒绝', 'Decline'],
  StudentInTransit: ['学生在途', 'Student in transit'], Arrived: ['记录到院', 'Record arrival'], Evaluated: ['评估完成', 'Record evaluation'],
  Admitted: ['收治住院', 'Admit'], Outpatient: ['转门诊治疗', 'Outpatient care'], Discharged: ['出院', 'Discharge'],
  ReturnClearance: ['同意复学', 'Clear for return'], Failed: ['无法完成', 'Cannot complete'],
};
for (const [status, words] of Object.entries(statuses)) {
  strings[`referral.${status}`] = words;
  strings[`desk.move.${status}`] = moves[status] ?? words;
  strings[`audit.Referral${status}`] ??= [`转介：${words[0]}`, `Referral ${words[1].toLowerCase()}`];
}
strings['audit.ReferralCompleted'] = ['复学会议已记录，转介完成', 'Re-entry recorded: referral completed'];
addStrings(strings);

/** The words for a deadline name the API uses: Accepted, Arrived, Evaluated, CaringContact, CheckIn1… */
export function deadlineLabel(name) {
  const checkIn = /^CheckIn(\d+)$/.exec(name ?? '');
  return checkIn ? t('deadline.CheckIn', { n: checkIn[1] }) : t(`deadline.${name}`);
}
