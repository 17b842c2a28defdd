// The duty wallboard.
import { addStrings } from '../i18n.js';

addStrings({
  'wallboard.title': ['值班大屏', 'Duty wallboard'],
  'wallboard.updated': ['最后更新 {time}', 'Last update {time}'],
  'wallboard.total': ['未结预警 {n}', 'Open alerts {n}'],
  'wallboard.more': ['显示最紧急的 {shown} 条，共 {n} 条', 'Showing the {shown} most urgent of {n}'],
  'wallboard.none': ['当前没有未结预警。', 'No open alerts.'],
  'canary.failing': ['预警链路自检失败（节点 {nodes}）：请立即通知运维值班，并按应急预案电话确认预警。', 'Alert path self-test failing (node {nodes}): call the on-call operator now and confirm alerts by phone.'],
  'cluster.dataLost': ['系统数据存储异常（Redis 数据丢失）：新预警无法保存，请立即通知运维并改用电话上报。', 'Cluster data lost (Redis came back empty): new alerts cannot be stored. Call the operator now and report by phone.'],
  'sms.degraded': ['短信通道异常：预警仍通过网页推送，短信稍后补发。', 'SMS degraded: alerts still reach the web; texts will follow.'],
  'wallboard.referral': ['转介：{status}', 'Referral: {status}'],
  'wallboard.referralOverdue': ['转介超时', 'Referral overdue'],
  'wallboard.signalsUnmatched': ['{n} 条外部信号超过 30 分钟未匹配到学生', '{n} outside signals unmatched for more than 30 minutes'],
  'wallboard.accessUnreviewed': ['{n} 次紧急访问超过 72 小时未复核', '{n} emergency accesses unreviewed for more than 72 hours'],
  'wallboard.accessOpened': ['个案 {case} 被紧急访问打开（至 {until}），须事后复核', 'Case {case} was opened in an emergency (until {until}); it will be reviewed'],
});
