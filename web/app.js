// The qcity web UI: sign-in, navigation and routing. Each page lives in
// its own module and receives ctx = { app, me, route }. Pages are built
// from the JSON API with DOM calls (never innerHTML with data).
import { api, setCsrf, ApiError } from './api.js';
import { h, clear } from './ui.js';
import { currentPlan, NoPlan } from './plan.js';
import { dashboard, targetPage } from './dashboard.js';
import { tasksPage } from './tasks.js';
import { entryPage } from './entry.js';
import { reviewPage } from './review.js';
import { alertsPage } from './alerts.js';
import { assessmentPage } from './assessment.js';
import { samplingPage } from './sampling.js';
import { indicatorsPage } from './indicators.js';
import { tokensPage } from './tokens.js';
import { planEditPage } from './plan_edit.js';
import { inboxPage, inboxBadge } from './inbox.js';
import { supervisionPage } from './supervision.js';
import { documentsPage } from './documents.js';
import { publishPage } from './publish.js';
import { complaintsPage } from './complaints.js';
import { equipmentPage } from './equipment.js';
import { metrologyPage } from './metrology.js';
import { traceabilityPage } from './traceability.js';
import { creditPage } from './credit.js';
import { federationPage } from './federation.js';
import { _ } from './i18n.js';

let app = document.getElementById('app');
let me = null;

// Each visit to a page renders into a fresh #app: a page still loading
// when the user moves on keeps drawing into the old, detached element,
// so it cannot overwrite the page the user went to.
function freshView() {
  const v = app.cloneNode(false);
  app.replaceWith(v);
  app = v;
  return v;
}

// ---- sign-in ---------------------------------------------------------------

function loginPage() {
  const msg = h('p', { class: 'error', role: 'alert' });
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'username', required: true });
  const pw = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { id: 'login', class: 'card narrow' },
    h('h2', {}, _('登录')),
    h('label', {}, _('用户名'), name),
    h('label', {}, _('密码'), pw),
    h('button', { type: 'submit' }, _('登录')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      const r = await api('POST', '/api/login', { name: name.value, password: pw.value });
      setCsrf(r.csrf);
      me = r.user;
      showNav();
      location.hash = '#/';
      route();
    } catch (err) {
      msg.textContent = err.status === 403 ? _('用户名或密码错误（多次失败后需等待15分钟）') : err.message;
    }
  });
  clear(app).append(form);
  name.focus();
}

function showNav() {
  const nav = document.getElementById('nav');
  nav.hidden = !me;
  if (!me) return;
  for (const a of nav.querySelectorAll('a[data-role]'))
    a.hidden = !a.dataset.role.split(' ').includes(me.role);
  document.getElementById('who').textContent =
    _('{name}（{x2}）', { name: me.name, x2: { admin: _('管理员'), office: _('领导小组办公室'), unit: me.unit || _('成员单位'), region: _('地区'), viewer: _('查看') }[me.role] });
}

// ---- routing ---------------------------------------------------------------------

async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const view = freshView();
  const ctx = () => ({ app: view, me, route });
  if (!me) {
    try {
      const r = await api('GET', '/api/me');
      me = r.user;
      setCsrf(r.csrf);
    } catch { me = null; }
  }
  showNav();
  if (!me) return loginPage();
  inboxBadge();
  try {
    switch (parts[0]) {
      case 'target': return await targetPage(ctx(), parts[1], parts[2]);
      case 'tasks': return await tasksPage(ctx());
      case 'entry': return await entryPage(ctx());
      case 'review': return await reviewPage(ctx());
      case 'alerts': return await alertsPage(ctx());
      case 'assessment': return await assessmentPage(ctx());
      case 'sampling': return await samplingPage(view, me, (await currentPlan()).plan);
      case 'indicators': return await indicatorsPage(view, me);
      case 'tokens': return await tokensPage(view);
      case 'plan-edit': return await planEditPage(ctx());
      case 'inbox': return await inboxPage(ctx());
      case 'supervision': return await supervisionPage(ctx(), parts[1]);
      case 'documents': return await documentsPage(ctx(), parts[1]);
      case 'publish': return await publishPage(ctx());
      case 'complaints': return await complaintsPage(ctx(), parts[1], parts[2]);
      case 'equipment': return await equipmentPage(ctx(), parts[1], parts[2]);
      case 'metrology': return await metrologyPage(ctx(), parts[1], parts[2]);
      case 'traceability': return await traceabilityPage(ctx(), parts[1], parts[2]);
      case 'credit': return await creditPage(ctx(), parts[1], parts[2]);
      case 'federation': return await federationPage(ctx());
      default: return await dashboard(ctx());
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { me = null; return loginPage(); }
    if (e instanceof NoPlan) return clear(view).append(h('p', { class: 'notice', id: 'no-plan' }, e.message));
    clear(view).append(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/logout', {}); } catch { /* already out */ }
  me = null;
  setCsrf(null);
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);

// A button whose request fails must not look as if it did nothing: an
// error no handler caught (the diff of two versions, mark all read, publish
// a listing …) is shown above the page; a session that has ended leads
// back to the sign-in.
window.addEventListener('unhandledrejection', (e) => {
  const err = e.reason;
  if (!(err instanceof Error)) return;
  e.preventDefault();
  if (err instanceof ApiError && err.status === 401) {
    me = null;
    setCsrf(null);
    route();
    return;
  }
  const old = document.getElementById('flash');
  if (old) old.remove();
  app.prepend(h('p', { id: 'flash', class: 'error', role: 'alert' }, _('操作未完成：{message}', { message: err.message })));
  app.firstChild.scrollIntoView({ block: 'nearest' });
});
route();
