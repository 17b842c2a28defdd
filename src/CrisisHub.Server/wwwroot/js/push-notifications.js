// The service worker's side of Web Push: what an alert's push shows, and what tapping it does. A push carries the case code,
// its grade, the case's link, whether "acknowledge" may be offered and the person's language (AlertPush on the server): the
// words around them live here, as a worker has no page (and no localStorage) to take the pages' strings from.

const Words = {
  'zh-CN': {
    title: '{grade}预警 · {case}',
    body: '有学生需要您立即关注。请打开查看并确认。',
    acknowledge: '确认收到',
    acknowledged: '已确认 · {case}',
    acknowledgedBody: '已记录您的确认，请尽快跟进。',
    alreadyAcknowledged: '此前已确认 · {case}',
    alreadyAcknowledgedBody: '该预警在您之前已被确认，请打开案件查看由谁跟进。',
    notAcknowledged: '未能确认 · {case}',
    notAcknowledgedBody: '请打开案件页面确认。',
    grades: { Watch: '关注', General: '一般', Severe: '严重', Major: '重大' },
  },
  en: {
    title: '{grade} alert · {case}',
    body: 'A student needs your attention now. Open it and acknowledge.',
    acknowledge: 'Acknowledge',
    acknowledged: 'Acknowledged · {case}',
    acknowledgedBody: 'Your acknowledgement is recorded; follow up soon.',
    alreadyAcknowledged: 'Acknowledged before · {case}',
    alreadyAcknowledgedBody: 'Someone acknowledged this alert before you: open the case to see who follows up.',
    notAcknowledged: 'Not acknowledged · {case}',
    notAcknowledgedBody: 'Open the case to acknowledge it.',
    grades: { Watch: 'Watch', General: 'General', Severe: 'Severe', Major: 'Major' },
  },
};

const wordsFor = lang => Words[lang] ?? Words['zh-CN'];
const fill = (text, vars) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), text);

/** The notification an alert's push shows: one per case on the phone (its tag), a newer step replacing it and ringing again. */
export function alertNotification(push) {
  const words = wordsFor(push.lang);
  const vars = { grade: words.grades[push.grade] ?? push.grade, case: push.caseId };
  return {
    title: fill(words.title, vars),
    options: {
      body: words.body,
      tag: `case:${push.caseId}`,
      renotify: true,
      // A Severe or Major alert stays on the screen until the person does something about it.
      requireInteraction: push.grade === 'Severe' || push.grade === 'Major',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      lang: push.lang,
      timestamp: Date.parse(push.at),
      data: push,
      actions: push.acknowledge ? [{ action: 'acknowledge', title: words.acknowledge }] : [],
    },
  };
}

export async function showAlertPush(registration, push) {
  if (!push?.caseId) return;
  const { title, options } = alertNotification(push);
  await registration.showNotification(title, options);
}

/**
 * A tap: "acknowledge" acknowledges the alert with the phone's session (as the inbox's button does) and says so in the
 * notification; the notification itself opens the case (or brings an open CrisisHub page there). Without a session the
 * sign-in page opens and leads to the case.
 */
export async function onAlertNotificationClick(registration, clients, notification, action) {
  const push = notification.data;
  notification.close();
  if (!push?.caseId) return;
  if (action !== 'acknowledge') return openPage(clients, push.url);

  let response;
  try {
    response = await fetch(`/api/cases/${encodeURIComponent(push.caseId)}/ack`, { method: 'POST', credentials: 'same-origin' });
  } catch {
    response = null;
  }
  if (response?.status === 401) return openPage(clients, `/?next=${encodeURIComponent(push.url)}`);
  const words = wordsFor(push.lang);
  const result = response?.ok === true ? await response.json().catch(() => null) : null;
  const [title, body] = result?.acknowledged ? [words.acknowledged, words.acknowledgedBody]
    : result?.alreadyAcknowledged ? [words.alreadyAcknowledged, words.alreadyAcknowledgedBody]
      : [words.notAcknowledged, words.notAcknowledgedBody];
  const done = result !== null;
  await registration.showNotification(fill(title, { case: push.caseId }), {
    body,
    tag: `case:${push.caseId}`,
    icon: '/icons/icon-192.png',
    lang: push.lang,
    silent: true,
    data: { ...push, acknowledge: false, acknowledged: done },
  });
}

async function openPage(clients, url) {
  const open = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  const page = open.find(c => 'navigate' in c);
  if (page) {
    // A page this worker does not control (after a hard reload) cannot be navigated from here: a new window opens instead.
    const there = await page.navigate(url).catch(() => null);
    if (there) {
      // Bringing the page forward is the browser's call (it may refuse without a tap it made itself): the page is there either way.
      await there.focus().catch(() => {});
      return there;
    }
  }
  return clients.openWindow(url);
}
