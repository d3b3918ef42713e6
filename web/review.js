// The review queue (office) and a unit's own submissions. Opening one shows
// every value with the previous period, the target, the change and the
// note, and every progress report with its attachments; the office accepts
// or returns each item (with a reason) or the whole submission, and each
// item's history is one click away.
import { api } from './api.js';
import { h, clear, fmt, valueUnit, timeLabel } from './ui.js';
import { STATE_LABEL } from './entry.js';
import { fileLink, periodLabel } from './attach.js';
import { _ } from './i18n.js';

const REPORT_STATUS = { not_started: _('未开始'), in_progress: _('推进中'), done: _('已完成'), blocked: _('遇到困难') };
const EVENT = { value: _('填报'), accepted: _('通过'), returned: _('退回') };
const person = (x) => (x.submitted_by || '').replace(/^[a-z]+:/, '');
const when = timeLabel;

function history(it) {
  if (!it.history.length) return null;
  return h('details', { class: 'history' }, h('summary', {}, _('历史（{length}）', { length: it.history.length })),
    h('ol', {}, it.history.map((e) => h('li', {}, `${when(e.at)} ${(e.by || '').replace(/^[a-z]+:/, '')} ${EVENT[e.what] || e.what}`,
      e.value != null ? ` ${fmt(e.value)}` : '', e.reason ? _('：{reason}', { reason: e.reason }) : ''))));
}

function changeCell(it) {
  if (it.change == null) return '—';
  const pct = it.change_share == null ? '' : _('（{x1}{x2}%）', { x1: it.change_share > 0 ? '+' : '', x2: (it.change_share * 100).toFixed(1) });
  return `${it.change > 0 ? '+' : ''}${fmt(it.change)}${pct}`;
}

// Accept / return buttons for one item, or its decision.
function itemOps(d, it, staff, decide) {
  const shown = it.decision ? h('span', { class: `decision d-${it.decision}` },
    it.decision === 'returned' ? _('已退回：{reason}', { reason: it.reason }) : _('已通过')) : null;
  if (!staff || (d.state !== 'submitted' && d.state !== 'returned')) return h('div', {}, shown || '');
  const reason = h('input', { class: 'reason', placeholder: _('退回原因'), 'aria-label': _('{label}退回原因', { label: it.label }) });
  const ok = h('button', { class: 'item-accept', type: 'button' }, _('通过'));
  const back = h('button', { class: 'item-return', type: 'button' }, _('退回'));
  ok.addEventListener('click', () => decide({ kind: it.kind, id: it.id, decision: 'accepted' }));
  back.addEventListener('click', () => {
    if (!reason.value.trim()) { reason.focus(); reason.placeholder = _('请填写退回原因'); reason.classList.add('needed'); return; }
    decide({ kind: it.kind, id: it.id, decision: 'returned', reason: reason.value.trim() });
  });
  return h('div', { class: 'ops' }, shown, h('div', {}, ok, ' ', reason, back));
}

async function detail(box, id, staff, refresh) {
  const d = await api('GET', `/api/submissions/${id}`);
  const msg = h('p', { class: 'error', role: 'alert' });
  const decide = async (body) => {
    try { await api('POST', `/api/submissions/${id}/items`, body); await refresh(id); }
    catch (e) { msg.textContent = e.message; }
  };
  const whole = async (what, body) => {
    try { await api('POST', `/api/submissions/${id}/${what}`, body); await refresh(id); }
    catch (e) { msg.textContent = e.message; }
  };
  const values = d.items.filter((x) => x.kind === 'value');
  const reports = d.items.filter((x) => x.kind === 'report');
  const ops = [];
  if (staff && d.state === 'submitted') {
    const reason = h('input', { class: 'reason', id: 'whole-reason', placeholder: _('整体退回原因') });
    const ok = h('button', { type: 'button', id: 'accept-all' }, _('全部通过'));
    ok.addEventListener('click', () => whole('accept', {}));
    const back = h('button', { type: 'button', id: 'return-all' }, _('整体退回'));
    back.addEventListener('click', () => {
      if (!reason.value.trim()) { reason.focus(); reason.placeholder = _('请填写退回原因'); return; }
      whole('return', { reason: reason.value.trim() });
    });
    ops.push(ok, ' ', reason, back);
  } else if (staff && d.state === 'accepted') {
    const re = h('button', { type: 'button', class: 'reopen' }, _('重新开放'));
    re.addEventListener('click', () => whole('reopen', {}));
    ops.push(re);
  }
  clear(box).append(
    h('h3', {}, `${d.unit} · ${periodLabel(d.period)}`),
    h('p', {}, _('提交人：{unit} · {x2}　提交时间：{submitted_at}　状态：{x4}', { unit: d.unit, x2: d.person || '—', submitted_at: when(d.submitted_at), x4: STATE_LABEL[d.state] || d.state }),
      d.reason ? h('span', { class: 'reason-text' }, _('；原因：{reason}', { reason: d.reason })) : ''),
    h('h4', {}, _('指标数值（{length}）', { length: values.length })),
    values.length ? h('table', { class: 'review-values' },
      h('thead', {}, h('tr', {}, [_('指标'), _('目标'), _('上期'), _('本期'), _('变化'), _('备注'), _('审核')].map((x) => h('th', {}, x)))),
      h('tbody', {}, values.map((it) => h('tr', { 'data-item': it.id, class: it.decision ? `d-${it.decision}` : '' },
        h('td', { 'data-label': _('指标') }, it.label, history(it)),
        h('td', { 'data-label': _('目标') }, it.requirement || '—'),
        h('td', { 'data-label': _('上期') }, it.previous == null ? '—' : _('{previous}（{previous_period}）', { previous: fmt(it.previous), previous_period: periodLabel(it.previous_period) })),
        h('td', { 'data-label': _('本期'), class: 'value' }, `${fmt(it.value)}${valueUnit(it.unit, it.op)}`),
        h('td', { 'data-label': _('变化') }, changeCell(it)),
        h('td', { 'data-label': _('备注') }, it.note || ''),
        h('td', { 'data-label': _('审核') }, itemOps(d, it, staff, decide)))))) : h('p', {}, _('本期没有填报数值。')),
    h('h4', {}, _('进展报告（{length}）', { length: reports.length })),
    reports.length ? h('div', { class: 'reports' }, reports.map((it) => h('div', { class: 'card report', 'data-item': it.id },
      h('strong', {}, it.label), ` · ${REPORT_STATUS[it.status] || it.status}`,
      h('p', { class: 'report-text' }, it.text || _('（未填写文字）')),
      it.attachments.length ? h('ul', { class: 'files' }, it.attachments.map((a) => h('li', {}, fileLink(a)))) : h('p', { class: 'muted' }, _('无附件')),
      history(it), itemOps(d, it, staff, decide)))) : h('p', {}, _('本期没有进展报告。')),
    h('p', { class: 'actions' }, ...ops), msg);
  box.scrollIntoView({ block: 'nearest' });
}

export async function reviewPage(ctx) {
  const { app, me } = ctx;
  const staff = me.role === 'office' || me.role === 'admin';
  const box = h('section', { id: 'review-detail', class: 'card', hidden: true });
  const draw = async (open) => {
    const list = await api('GET', '/api/submissions');
    const table = list.length ? h('table', { id: 'review' },
      h('thead', {}, h('tr', {}, [_('单位'), _('期间'), _('状态'), _('数值'), _('进展报告'), _('提交人'), ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.map((x) => {
        const view = h('button', { class: 'view', type: 'button' }, _('查看'));
        view.addEventListener('click', () => draw(x.id));
        return h('tr', { 'data-id': x.id, 'data-unit': x.unit, class: x.id === open ? 'open' : '' },
          h('td', { 'data-label': _('单位') }, x.unit), h('td', { 'data-label': _('期间') }, periodLabel(x.period)),
          h('td', { class: 'state', 'data-label': _('状态') }, STATE_LABEL[x.state] + (x.reason ? _('：{reason}', { reason: x.reason }) : '')),
          h('td', { 'data-label': _('数值') }, String(x.values)), h('td', { 'data-label': _('进展报告') }, String(x.reports)),
          h('td', { 'data-label': _('提交人') }, `${x.unit} · ${person(x)}`), h('td', {}, view));
      }))) : h('p', {}, staff ? _('没有待审核的提交。') : _('本单位还没有提交。'));
    clear(app).append(h('h2', {}, staff ? _('审核队列') : _('本单位的提交')), table, box);
    if (open) {
      box.hidden = false;
      await detail(box, open, staff, draw);
    }
  };
  await draw(null);
}
