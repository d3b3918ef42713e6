// 消息: the signed-in user's reminders (reports due and overdue, returned
// submissions, 督查 items, the weekly digest), newest first; opening one
// marks it read. inboxBadge() keeps the unread count in the nav.
import { api } from './api.js';
import { h, clear } from './ui.js';

const KIND_LABEL = { report_due: '报送提醒', report_overdue: '逾期未报', returned: '退回修改',
  supervision: '督查事项', supervision_overdue: '督查逾期', digest: '每周汇总' };

export async function inboxBadge() {
  const badge = document.getElementById('inbox-badge');
  if (!badge) return;
  try {
    const r = await api('GET', '/api/inbox?limit=1');
    badge.textContent = r.unread ? String(r.unread) : '';
    badge.hidden = !r.unread;
  } catch { badge.hidden = true; }
}

export async function inboxPage(ctx) {
  const { app, route } = ctx;
  const r = await api('GET', '/api/inbox?limit=200');
  const all = h('button', { type: 'button', id: 'inbox-read-all', disabled: !r.unread }, '全部标为已读');
  all.addEventListener('click', async () => {
    await api('POST', '/api/inbox/read', {});
    await inboxBadge();
    route();
  });
  const items = r.items.map((x) => {
    const body = h('div', { class: 'inbox-body', hidden: true },
      x.body.split('\n').map((line) => h('p', {}, line)),
      x.link ? h('a', { href: x.link }, '前往处理') : null);
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
      h('time', {}, x.created_at.slice(0, 10)), title, body);
    return li;
  });
  clear(app).append(h('h2', {}, `消息（${r.unread} 条未读）`), all,
    items.length ? h('ul', { id: 'inbox' }, items) : h('p', {}, '暂无消息'));
}
