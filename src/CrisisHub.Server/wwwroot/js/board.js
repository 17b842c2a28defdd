// Inboxes and wallboards read the server's boards, which are written just after the push that announces a
// change: a re-read made at once can still show the previous picture. A page therefore keeps what pushes told
// it until a read shows that version (or newer), and for a minute at most (then the board is the truth).
const gradeRank = { Major: 3, Severe: 2, General: 1, Watch: 0 };
const keptFor = 60000;

export const sortAlerts = alerts => alerts.sort((a, b) =>
  (gradeRank[b.grade] ?? 0) - (gradeRank[a.grade] ?? 0) || Date.parse(a.openedAt) - Date.parse(b.openedAt) || (a.caseId < b.caseId ? -1 : 1));

export function pushedAlerts() {
  const pushed = new Map();
  return {
    note(notification) {
      const alert = notification.alert;
      const known = pushed.get(alert.caseId);
      if (!known || known.alert.version < alert.version)
        pushed.set(alert.caseId, { alert, onBoards: notification.onBoards !== false, at: performance.now() });
    },
    // `read` is what the server just answered; a page re-drawing its own list passes fromServer = false, as
    // that list already holds the pushed versions and proves nothing about the board.
    merge(read, fromServer = true) {
      const byId = new Map(read.map(a => [a.caseId, a]));
      for (const [caseId, p] of pushed) {
        const stored = byId.get(caseId);
        if ((fromServer && stored && stored.version >= p.alert.version) || performance.now() - p.at > keptFor) {
          pushed.delete(caseId);
        } else if (p.onBoards) {
          byId.set(caseId, p.alert);
        } else {
          byId.delete(caseId);
        }
      }
      return sortAlerts([...byId.values()]);
    },
  };
}
