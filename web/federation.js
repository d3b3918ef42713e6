// 各省数据: on the national server, each followed province with when its
// data stands "as of" (its newest change received here), whether it
// streams, its last message and rows (GET /api/federation/provinces,
// office and admin); a province that does not answer within the
// server's connect timeout shows as unreachable (无法连接). Elsewhere
// the page says this is not a national server.
import { api } from './api.js';
import { h, clear, timeLabel } from './ui.js';
import { _ } from './i18n.js';

// The reader's local time (timeLabel), not UTC as stored.
const at = (s) => (s ? timeLabel(s) : '—');
// The province by its name (黑龙江省), its code for a region the
// server's table does not hold.
const named = (p) => (p.name ? _('{name}（{province}）', { name: p.name, province: p.province }) : p.province);

export async function federationPage(ctx) {
  const r = await api('GET', '/api/federation/provinces');
  const head = h('h2', {}, _('各省数据'));
  // The command that makes one is for the administrator; the office
  // reads what it means.
  const admin = ctx.me.role === 'admin';
  if (!r.national) {
    clear(ctx.app).append(head, h('p', { id: 'fed-none' }, admin ? _('本服务器不是全国汇总服务器（qcity db init --national）。')
      : _('本服务器不是全国汇总服务器，没有各省数据。')));
    return;
  }
  if (!r.provinces.length) {
    clear(ctx.app).append(head, h('p', { id: 'fed-none' }, _('尚未接入任何省份（qcity federation add-province）。')));
    return;
  }
  // Each time cell keeps the stored moment (UTC, to the second) as its
  // title: the label reads to the minute.
  const when = (s) => h('td', s ? { title: s } : {}, at(s));
  const rows = r.provinces.map((p) => h('tr', {}, h('td', {}, named(p)), when(p.as_of),
    h('td', {}, p.streaming ? _('同步中') : _('已停止')),
    h('td', {}, p.connection === 'unreachable' ? _('无法连接') : p.lag_bytes === null ? '—' : String(p.lag_bytes)),
    when(p.last_receipt), h('td', {}, String(p.rows))));
  clear(ctx.app).append(head,
    h('p', {}, _('各省数据以其最近一次收到的变更为准（数据截至）。')),
    h('table', { id: 'fed-provinces' },
      h('tr', {}, [_('省份'), _('数据截至'), _('状态'), _('待同步字节'), _('最近消息'), _('行数')].map((x) => h('th', {}, x))),
      rows));
}
