// 消息: the signed-in user's reminders (reports due and overdue, returned
// submissions, 督查 items, the weekly digest), newest first; opening one
// marks it read. inboxBadge() keeps the unread count in the nav.
import { api } from './api.js';
import { h, clear, dayLabel } from './ui.js';
import { _ } from './i18n.js';

const KIND_LABEL = { report_due: _('报送提醒'), report_overdue: _('逾期未报'), returned: _('退回修改'),
  supervision: _('督查事项'), supervision_overdue: _('督查逾期'), digest: _('每周汇总'),
  complaint_due: _('投诉举报临期'), complaint_overdue: _('投诉举报逾期') };

export async function inboxBadge() {
  const badge = document.getElementById('inbox-badge');
  if (!badge) return;
  try {
    const r = await api('GET', '/api/inbox?limit=1');
    badge.textContent = r.unread ? String(r.unread) : '';
    badge.hidden = !r.unread;
  } catch { badge.hidden = true; }
}

// The admin's mail settings (the password is never shown: only whether
// one is set; an empty field keeps it).
async function settingsCard() {
  const x = await api('GET', '/api/remind/settings');
  const input = (id, value, attrs = {}) => h('input', { id, value: value == null ? '' : String(value), ...attrs });
  const host = input('smtp-host', x.host);
  const port = input('smtp-port', x.port, { type: 'number', min: 1, max: 65535 });
  const tls = h('select', { id: 'smtp-tls' }, ['none', 'starttls', 'ssl'].map((t) =>
    h('option', { value: t, selected: t === x.tls }, { none: _('不加密'), starttls: 'STARTTLS', ssl: 'SSL/TLS' }[t])));
  const user = input('smtp-user', x.user);
  const pw = input('smtp-password', '', { type: 'password', placeholder: x.password_set ? _('已设置（留空不变）') : _('未设置'),
    autocomplete: 'new-password' });
  const from = input('smtp-from', x.from);
  const due = input('smtp-due', x.due_days, { type: 'number', min: 0, max: 60 });
  const msg = h('p', { role: 'status' });
  const form = h('form', { id: 'smtp', class: 'card' }, h('h3', {}, _('邮件提醒设置')),
    h('label', {}, _('SMTP 服务器'), host), h('label', {}, _('端口'), port), h('label', {}, _('加密'), tls),
    h('label', {}, _('用户名'), user), h('label', {}, _('密码'), pw), h('label', {}, _('发件人'), from),
    h('label', {}, _('截止前提醒天数'), due), h('button', { type: 'submit' }, _('保存')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('POST', '/api/remind/settings', { host: host.value, port: Number(port.value) || undefined, tls: tls.value,
        user: user.value, password: pw.value || undefined, from: from.value, due_days: Number(due.value) });
      pw.value = '';
      msg.textContent = _('已保存');
    } catch (err) { msg.textContent = err.message; }
  });
  return form;
}

export async function inboxPage(ctx) {
  const { app, me, route } = ctx;
  const r = await api('GET', '/api/inbox?limit=200');
  const all = h('button', { type: 'button', id: 'inbox-read-all', disabled: !r.unread }, _('全部标为已读'));
  all.addEventListener('click', async () => {
    await api('POST', '/api/inbox/read', {});
    await inboxBadge();
    route();
  });
  const items = r.items.map((x) => {
    const body = h('div', { class: 'inbox-body', hidden: true },
      x.body.split('\n').map((line) => h('p', {}, line)),
      x.link ? h('a', { href: x.link }, _('前往处理')) : null);
    const title = h('button', { type: 'button', class: 'inbox-title' }, x.title);
    title.addEventListener('click', async () => {
      body.hidden = !body.hidden;
      if (!x.read_at) {
        await api('POST', '/api/inbox/read', { id: x.id });
        x.read_at = 'now';
        li.classList.remove('unread');
        await inboxBadge();
      }
    });
    const li = h('li', { class: `inbox-item${x.read_at ? '' : ' unread'}`, 'data-kind': x.kind },
      h('span', { class: 'inbox-kind' }, KIND_LABEL[x.kind] || x.kind),
      h('time', {}, dayLabel(x.created_at)), title, body);
    return li;
  });
  clear(app).append(h('h2', {}, _('消息（{unread} 条未读）', { unread: r.unread })), all,
    items.length ? h('ul', { id: 'inbox' }, items) : h('p', {}, _('暂无消息')));
  if (me.role === 'admin') app.append(await settingsCard());
}
