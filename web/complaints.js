// 投诉举报: the board of open complaints and reports with their legal
// deadlines in working days (overdue and due-soon first), intake, and
// one item's steps. Personal data comes masked; the office may show it
// (each view is audited by the server).
import { api } from './api.js';
import { h, clear, emptyRow } from './ui.js';
import { regionNames } from './regions.js';
import { _ } from './i18n.js';

const STATE = {
  received: _('已登记'), accepted: _('已受理'), not_accepted: _('不予受理'), mediating: _('调解中'),
  agreed: _('达成调解协议'), mediation_ended: _('终止调解'), checked: _('已核查'),
  case_opened: _('已立案'), not_opened: _('不予立案'), closed: _('已办结'),
};
const AWAITING = { accept: _('受理决定'), mediate: _('调解'), notify: _('告知终止调解'), decide: _('核查立案决定') };
// The steps a person may take from each state, with whether a reason is due.
const NEXT = {
  complaint: {
    received: [['accepted', _('受理')], ['not_accepted', _('不予受理'), true]],
    accepted: [['mediating', _('开始调解')], ['mediation_ended', _('终止调解'), true]],
    mediating: [['agreed', _('达成调解协议')], ['mediation_ended', _('终止调解'), true]],
    not_accepted: [['closed', _('办结')]], agreed: [['closed', _('办结')]], mediation_ended: [['closed', _('办结')]],
  },
  report: {
    received: [['checked', _('核查')]], checked: [['case_opened', _('立案')], ['not_opened', _('不予立案'), true]],
    case_opened: [['closed', _('办结')]], not_opened: [['closed', _('办结')]],
  },
};

function dueCell(c) {
  if (!c.due) return h('td', {}, c.rule || '—');
  const text = c.overdue ? _('已逾期 {x1} 个工作日', { x1: -c.workdays_left }) : _('剩 {workdays_left} 个工作日', { workdays_left: c.workdays_left });
  return h('td', { class: c.overdue ? 'overdue' : c.due_soon ? 'due-soon' : '' },
    _('待{x1}：{due}（{text}）', { x1: AWAITING[c.awaiting] || '', due: c.due, text }));
}

function intakeForm(done) {
  const f = (id, label, attrs = {}) => {
    const input = h('input', { id, name: id, ...attrs });
    return [input, h('label', {}, label, input)];
  };
  const kind = h('select', { id: 'c-kind' }, h('option', { value: 'complaint' }, _('投诉')), h('option', { value: 'report' }, _('举报')));
  const channel = h('select', { id: 'c-channel' }, [['12315', _('12315 热线')], ['web', _('网站')], ['app', _('移动应用')],
    ['letter', _('来信')], ['visit', _('来访')], ['12345', _('12345 转办')]].map(([v, l]) => h('option', { value: v }, l)));
  const [region, regionL] = f('c-region', _('承办区县（代码或名称）'), { required: true });
  const [respondent, respondentL] = f('c-respondent', _('被投诉（举报）人'), { required: true });
  const [received, receivedL] = f('c-received', _('收到日期'), { type: 'date' });
  const [phone, phoneL] = f('c-phone', _('联系电话'));
  const [name, nameL] = f('c-name', _('投诉人'));
  const text = h('textarea', { id: 'c-text', rows: 3, cols: 60, required: true });
  const msg = h('p', { class: 'field-error', role: 'alert' });
  const form = h('form', { id: 'complaint-form', class: 'card' }, h('h3', {}, _('登记投诉举报')),
    h('p', {}, h('label', {}, _('类型 '), kind), ' ', h('label', {}, _('渠道 '), channel)),
    h('p', {}, regionL, ' ', respondentL, ' ', receivedL), h('p', {}, nameL, ' ', phoneL),
    h('label', {}, _('内容'), text), h('p', {}, h('button', { type: 'submit' }, _('登记'))), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    const body = { kind: kind.value, channel: channel.value, region: region.value.trim(),
      respondent: respondent.value.trim(), text: text.value.trim() };
    if (received.value) body.received_on = received.value;
    if (phone.value.trim()) body.person_phone = phone.value.trim();
    if (name.value.trim()) body.person_name = name.value.trim();
    try {
      const r = await api('POST', '/api/complaints', body);
      done(r.id);
    } catch (err) { msg.textContent = err.message; }
  });
  return form;
}

// At the nation an item is (province, id): ids repeat across provinces,
// so its link and its requests carry the province (#/complaints/ID/CODE).
async function itemPage(ctx, id, province) {
  const { app, me, route } = ctx;
  const of = province ? `province=${encodeURIComponent(province)}` : '';
  const c = await api('GET', `/api/complaints/${id}${of ? `?${of}` : ''}`);
  const msg = h('p', { class: 'field-error', role: 'alert', id: 'step-msg' });
  const reason = h('input', { id: 'step-reason', placeholder: _('理由（不予受理、终止调解、不予立案时必填）'), size: 30 });
  const steps = (NEXT[c.kind][c.state] || []).map(([to, label, needs]) => {
    const b = h('button', { type: 'button', class: 'step', 'data-state': to }, label);
    b.addEventListener('click', async () => {
      msg.textContent = '';
      if (needs && !reason.value.trim()) { msg.textContent = _('{label}须写明理由', { label }); reason.focus(); return; }
      try {
        await api('POST', `/api/complaints/${id}/steps`, { state: to, reason: reason.value.trim() || undefined });
        route();
      } catch (err) { msg.textContent = err.message; }
    });
    return b;
  });
  const person = h('span', { id: 'person' }, `${c.person_name || '—'} ${c.person_phone || ''}`);
  const show = me.role === 'office' || me.role === 'admin' ? h('button', { type: 'button', id: 'unmask' }, _('查看个人信息')) : '';
  if (show) show.addEventListener('click', async () => {
    const full = await api('GET', `/api/complaints/${id}?unmask=1${of ? `&${of}` : ''}`);
    person.textContent = `${full.person_name || '—'} ${full.person_phone || ''} ${full.person_id || ''}`;
    show.remove();
  });
  clear(app).append(h('p', {}, h('a', { href: '#/complaints' }, _('← 返回投诉举报'))),
    h('article', { class: 'card', id: 'complaint', 'data-state': c.state },
      h('h2', {}, _('第 {id} 号{x2}：{respondent}', { id: c.id, x2: c.kind === 'report' ? _('举报') : _('投诉'), respondent: c.respondent })),
      h('p', {}, _('收到：{received_on}；承办地区：{region}；状态：', { received_on: c.received_on, region: (await regionNames([c.region]))(c.region) }), h('strong', { id: 'state' }, STATE[c.state] || c.state)),
      h('p', {}, _('内容：{text}', { text: c.text })), h('p', {}, _('投诉人：'), person, ' ', show),
      c.due ? h('p', { class: c.overdue ? 'overdue' : '' }, _('待{x1}，期限 {due}', { x1: AWAITING[c.awaiting], due: c.due }),
        c.overdue ? _('（已逾期 {x1} 个工作日）', { x1: -c.workdays_left }) : _('（剩 {workdays_left} 个工作日）', { workdays_left: c.workdays_left })) : '',
      c.rule ? h('p', { class: 'req' }, _('依据：{rule}', { rule: c.rule })) : '',
      steps.length ? h('p', {}, reason, ' ', ...steps) : h('p', {}, _('已办结')), msg));
}

// The overdue board a page at a time (GET /api/complaints?overdue=1,
// keyset: `next` is the cursor after the last row shown).
const OVERDUE_PAGE = 50;

function boardRow(c, regionName) {
  return h('tr', { 'data-id': c.id, class: c.overdue ? 'overdue' : '' },
    h('td', {}, h('a', { href: `#/complaints/${c.id}${c.province ? `/${c.province}` : ''}` }, String(c.id))),
    h('td', {}, c.kind === 'report' ? _('举报') : _('投诉')), h('td', {}, regionName(c.region)), h('td', {}, c.received_on),
    h('td', {}, c.respondent), h('td', {}, STATE[c.state] || c.state), dueCell(c),
    h('td', {}, `${c.person_name || ''} ${c.person_phone || ''}`));
}

export async function complaintsPage(ctx, id, province) {
  const { app, route } = ctx;
  if (id) return itemPage(ctx, id, province);
  const onlyOverdue = localStorage.getItem('complaint-alerts') === '1';
  const page = onlyOverdue ? await api('GET', `/api/complaints?overdue=1&limit=${OVERDUE_PAGE}`) : null;
  const list = page ? page.items : await api('GET', '/api/complaints');
  const regionName = await regionNames(list.map((c) => c.region));
  const toggle = h('input', { type: 'checkbox', id: 'only-alerts', checked: onlyOverdue });
  toggle.addEventListener('change', () => { localStorage.setItem('complaint-alerts', toggle.checked ? '1' : '0'); route(); });
  const table = h('table', { id: 'complaints' },
    h('tr', {}, [_('编号'), _('类型'), _('承办地区'), _('收到'), _('被投诉（举报）人'), _('状态'), _('法定期限'), _('投诉人')].map((x) => h('th', {}, x))),
    list.length ? list.map((c) => boardRow(c, regionName))
      : emptyRow(8, onlyOverdue ? _('没有逾期的投诉举报。') : _('没有未办结的投诉举报；新收到的请在下方登记。')));
  let next = page ? page.next : null;
  const more = h('button', { type: 'button', id: 'complaints-more', hidden: !next }, _('显示更多'));
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const p = await api('GET', `/api/complaints?overdue=1&limit=${OVERDUE_PAGE}&after=${encodeURIComponent(next)}`);
      const names = await regionNames(p.items.map((c) => c.region));
      p.items.forEach((c) => table.append(boardRow(c, names)));
      next = p.next;
    } finally {
      more.disabled = false;
      more.hidden = !next;
    }
  });
  const title = page ? _('投诉举报（逾期 {total} 件）', { total: page.total })
    : _('投诉举报（未办结 {length} 件，逾期 {late} 件）', { length: list.length, late: list.filter((c) => c.overdue).length });
  clear(app).append(h('h2', {}, title),
    h('label', { class: 'picker' }, toggle, _('只看逾期的')),
    h('div', { class: 'scroll' }, table), more,
    intakeForm((newId) => { location.hash = `#/complaints/${newId}`; }));
}
