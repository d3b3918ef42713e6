// Alerts of a plan, with the office's acknowledgement. Each row names its
// region (by name), so the same target off track in two counties reads as
// two alerts, not one listed twice.
import { api } from './api.js';
import { h, clear, emptyRow } from './ui.js';
import { currentPlan, planPicker } from './plan.js';
import { periodLabel } from './attach.js';
import { _ } from './i18n.js';

const ALERT_LABEL = { off_track: _('目标偏离'), report_overdue: _('报送逾期'), task_late: _('任务逾期'),
  value_range: _('数值超出范围'), value_unit: _('计量单位不一致'), value_jump: _('数值异常波动'),
  supervision_overdue: _('督查事项逾期'), complaint_overdue: _('投诉举报逾期'), complaint_due: _('投诉举报临期'),
  calendar_gap: _('节假日安排未载入'), equipment_overdue: _('特种设备逾期未检'),
  equipment_due: _('特种设备临近检验'), metrology_overdue: _('计量器具逾期未检') };

// A complaint alert's subject ("投诉 12") leads to the item; a special-
// equipment or metrology alert to the county's register page.
function subjectCell(a) {
  const register = /^(equipment|metrology)_/.exec(a.kind);
  if (register)
    return h('td', { class: 'subject' }, h('a', { href: `#/${register[1]}/region/${a.region}` }, a.subject));
  const id = a.kind.startsWith('complaint_') && /(\d+)$/.exec(a.subject || '');
  return h('td', { class: 'subject' }, id ? h('a', { href: `#/complaints/${id[1]}` }, a.subject) : a.subject || '');
}

// The office acknowledges an alert it has acted on; it stays listed, marked.
function ackCell(ctx, plan, a) {
  const { me, route } = ctx;
  if (a.acked_by) return h('td', { class: 'acked' }, _('已处理：{acked_by}{x2}', { acked_by: a.acked_by, x2: a.ack_note ? _('（{ack_note}）', { ack_note: a.ack_note }) : '' }));
  if (me.role !== 'office' && me.role !== 'admin') return h('td', {});
  const note = h('input', { 'aria-label': _('处理说明'), size: 10, placeholder: _('处理说明') });
  const btn = h('button', { type: 'button', class: 'ack' }, _('已处理'));
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      await api('POST', `/api/plans/${plan.id}/alerts/ack`, { kind: a.kind, subject: a.subject,
        region: a.region || undefined, period: a.period || undefined, note: note.value || undefined });
      route();
    } catch (err) { btn.disabled = false; btn.title = err.message; }
  });
  return h('td', {}, note, btn);
}

// Region names by code: the plan's region and those below it (others are
// looked up under their province once).
async function regionNames(plan, codes) {
  const names = new Map();
  const parents = new Set(plan.region ? [plan.region] : []);
  for (const c of codes) if (c && !c.startsWith((plan.region || '').slice(0, 4))) parents.add(`${c.slice(0, 4)}00`);
  for (const p of parents) {
    try {
      for (const g of await api('GET', `/api/regions?parent=${p}`)) names.set(g.code, g.name);
    } catch { /* a name we cannot find stays blank */ }
  }
  return names;
}

export async function alertsPage(ctx) {
  const { app, me, route } = ctx;
  const { plans, plan } = await currentPlan();
  const list = await api('GET', `/api/plans/${plan.id}/alerts`);
  const names = await regionNames(plan, new Set(list.map((a) => a.region)));
  const regionOf = (a) => names.get(a.region || plan.region) || plan.region_name || '';
  const open = list.filter((a) => !a.acked_by).length;
  clear(app).append(planPicker(plans, plan, route), h('h2', {}, _('预警（{open} 条待处理，共 {length} 条）', { open, length: list.length })),
    h('div', { class: 'scroll' }, h('table', { id: 'alerts', class: 'list' },
      h('tr', {}, [_('类别'), _('级别'), _('地区'), _('对象'), _('期间'), _('原因'), _('相关单位'), _('处理')].map((x) => h('th', {}, x))),
      list.map((a) => h('tr', { class: `sev-${a.severity}${a.acked_by ? ' done' : ''}`, 'data-region': a.region || plan.region || '', 'data-kind': a.kind },
        h('td', { class: 'nowrap' }, ALERT_LABEL[a.kind] || a.kind),
        h('td', { class: 'nowrap' }, ['', _('提示'), _('警告'), _('严重')][a.severity] || ''),
        h('td', { class: 'nowrap region' }, regionOf(a)), subjectCell(a),
        h('td', { class: 'nowrap' }, periodLabel(a.period)), h('td', { class: 'reason' }, a.reason || ''),
        h('td', { class: 'wrap' }, a.people || ''), ackCell(ctx, plan, a))),
      list.length ? '' : emptyRow(8, _('暂无预警：目标进展、报送和任务均未发现需要处理的问题。')))));
}
