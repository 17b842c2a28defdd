// Web Push on the inbox: the offer to get this phone's alerts as notifications, and its states.
import { addStrings } from '../i18n.js';

addStrings({
  'push.offer': ['页面关闭时也在本机接收预警通知（不含学生姓名）。', 'Get alerts on this phone even when the page is closed (no student names).'],
  'push.turnOn': ['开启本机预警通知', 'Turn on alerts on this phone'],
  'push.on': ['本机已开启预警通知。', 'Alerts come to this phone as notifications.'],
  'push.turnOff': ['关闭本机预警通知', 'Turn off alerts on this phone'],
  'push.blocked': ['浏览器已阻止本站通知：请在浏览器设置中允许后再开启。', 'This browser blocks notifications from CrisisHub: allow them in its settings, then turn alerts on.'],
  'push.failed': ['未能开启通知，请稍后再试。预警仍会通过本页面和短信送达。', 'Could not turn notifications on; try again later. Alerts still reach you here and by SMS.'],
  'push.degraded': ['网页推送通道异常：预警仍通过页面和短信送达。', 'Web Push degraded: alerts still reach open pages and phones by SMS.'],
});
