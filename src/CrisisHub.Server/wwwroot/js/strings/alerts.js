// An alert as the inbox, the case page and the wallboard describe it.
import { addStrings } from '../i18n.js';

addStrings({
  'inbox.title': ['预警收件箱', 'Alert inbox'],
  'inbox.empty': ['暂无待处理预警。', 'No open alerts.'],
  'inbox.offlineSince': ['离线 — 最后更新 {time}', 'Offline — last updated {time}'],
  'inbox.ack': ['确认收到', 'Acknowledge'],
  'inbox.open': ['查看', 'Open'],
  'inbox.acked': ['已确认', 'Acknowledged'],
  'alert.step': ['第 {step} 步', 'Step {step}'],
  'alert.deadline': ['截止 {time}', 'Due {time}'],
  'alert.exhausted': ['升级已用尽', 'Escalation exhausted'],
  'alert.escalated': ['已升级', 'Escalated'],
  'alert.flags': ['{n} 次上报', '{n} flags'],
  'alert.undelivered': ['短信未送达 {n}', '{n} texts undelivered'],
});
