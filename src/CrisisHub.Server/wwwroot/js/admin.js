// Administration: the warning-network tree, the selected node (name, children, responders, students,
// policies), the district's hotline directory, the accounts, the district's integration clients and the admin audit log.
import { api } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import './strings/common.js';
import './strings/admin.js';
import { drawAccounts } from './admin-accounts.js';
import { drawAudit } from './admin-audit.js';
import { drawIntegrations } from './admin-integrations.js';
import { drawHotlines } from './admin-hotlines.js';
import { drawNode } from './admin-node.js';

const me = await boot();
const tree = document.getElementById('tree');
let selected = null;

async function branch(node) {
  const children = el('ul', { hidden: true });
  const toggle = el('button', { type: 'button', 'aria-expanded': 'false', 'data-node': node.nodeId, onclick: async () => {
    select(node.nodeId, toggle);
    const open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!open));
    children.hidden = open;
    if (!open && children.childElementCount === 0) {
      const kids = (await api(`/api/admin/nodes/${encodeURIComponent(node.nodeId)}/children`)).data;
      children.replaceChildren(...(await Promise.all(kids.map(branch))));
    }
  } }, `${node.name} (${t(`level.${node.level}`)})`);
  return el('li', {}, toggle, children);
}

function select(nodeId, button) {
  selected?.removeAttribute('aria-current');
  button.setAttribute('aria-current', 'true');
  selected = button;
  drawNode(document.getElementById('detail'), nodeId, () => reload());
}

async function reload() {
  const roots = await Promise.all(me.nodeIds.map(id => api(`/api/admin/nodes/${encodeURIComponent(id)}`).then(r => r.data).catch(() => null)));
  tree.replaceChildren(...(await Promise.all(roots.filter(Boolean).map(branch))));
}

await reload();
await drawHotlines(document.getElementById('hotline-directory'), me);
await drawAccounts(document.getElementById('accounts'));
await drawIntegrations(document.getElementById('integrations'), me);
await drawAudit(document.getElementById('admin-audit'));
