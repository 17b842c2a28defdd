// The flag page: reporting a concern and the receipts of one's own flags.
import { addStrings } from '../i18n.js';

addStrings({
  'flag.title': ['上报关注学生', 'Flag a concern'],
  'flag.receiptHotlines': ['如果你或同学现在就需要有人倾听，可以拨打：', 'If you or your classmate need someone to talk to now, call:'],
  'flag.student': ['1. 选择学生', '1. Choose the student'],
  'flag.search': ['按姓名或学号搜索', 'Search by name or number'],
  'flag.signs': ['2. 你看到了什么？', '2. What did you see?'],
  'flag.note': ['补充说明（可选）', 'Anything to add (optional)'],
  'flag.suggested': ['建议等级：{grade}', 'Suggested grade: {grade}'],
  'flag.send': ['3. 发送', '3. Send'],
  'flag.sending': ['正在发送…', 'Sending…'],
  'flag.received': ['已收到。老师会尽快处理。谢谢你！', 'Received. A teacher will deal with it. Thank you!'],
  'flag.queued': ['网络不通：已保存，联网后自动重新发送。关闭本页也不会丢失，最迟在下次打开应用时发送。',
    'No connection: saved, and it will be sent again automatically. Closing this page does not lose it: it goes at the latest when the app is next opened.'],
  'flag.mine': ['我上报的', 'My flags'],
  'flag.needStudent': ['请选择一名学生。', 'Choose a student.'],
  'flag.needSign': ['请至少勾选一项。', 'Tick at least one thing you saw.'],
  'flag.another': ['再报一个', 'Flag another'],
  'receipt.Received': ['已收到', 'Received'],
  'receipt.BeingHandled': ['处理中', 'Being handled'],
  'receipt.Closed': ['已处理', 'Handled'],
  'receipt.Pending': ['尚未发送', 'Not yet sent'],
  'receipt.Refused': ['未被接收', 'Not accepted'],
  'group.Major': ['紧急（重大）', 'Urgent (major)'],
  'group.Severe': ['严重', 'Severe'],
  'group.General': ['一般', 'General'],
});
