// 投诉举报: the board of open complaints and reports with their legal
// deadlines in working days (overdue and due-soon first), intake, and
// one item's steps. Personal data comes masked; the office may show it
// (each view is audited by the server).
import { api } from './api.js';
import { h, clear } from './ui.js';

const STATE = {
  received: '已登记', accepted: '已受理', not_accepted: '不予受理', mediating: '调解中',
  agreed: '达成调解协议', mediation_ended: '终止调解', checked: '已核查',
  case_opened: '已立案', not_opened: '不予立案', closed: '已办结',
};
const AWAITING = { accept: '受理决定', mediate: '调解', notify: '告知终止调解', decide: '核查立案决定' };
// The steps a person may take from each state, with whether a reason is due.
const NEXT = {
  complaint: {
    received: [['accepted', '受理'], ['not_accepted', '不予受理', true]],
    accepted: [['mediating', '开始调解'], ['mediation_ended', '终止调解', true]],
    mediating: [['agreed', '达成调解协议'], ['mediation_ended', '终止调解', true]],
    not_accepted: [['closed', '办结']], agreed: [['closed', '办结']], mediation_ended: [['closed', '办结']],
  },
  report: {
    received: [['checked', '核查']], checked: [['case_opened', '立案'], ['not_opened', '不予立案', true]],
    case_opened: [['closed', '办结']], not_opened: [['closed', '办结']],
  },
};

function dueCell(c) {
  if (!c.due) return h('td', {}, c.rule || '—');
  const text = c.overdue ? `已逾期 ${-c.workdays_left} 个工作日` : `剩 ${c.workdays_left} 个工作日`;
  return h('td', { class: c.overdue ? 'overdue' : c.due_soon ? 'due-soon' : '' },
    `待${AWAITING[c.awaiting] || ''}：${c.due}（${text}）`);
}

function intakeForm(done) {
  const f = (id, label, attrs = {}) => {
    const input = h('input', { id, name: id, ...attrs });
    return [input, h('label', {}, label, input)];
  };
  const kind = h('select', { id: 'c-kind' }, h('option', { value: 'complaint' }, '投诉'), h('option', { value: 'report' }, '举报'));
  const channel = h('select', { id: 'c-channel' }, [['12315', '12315 热线'], ['web', '网站'], ['app', '移动应用'],
    ['letter', '来信'], ['visit', '来访'], ['12345', '12345 转办']].map(([v, l]) => h('option', { value: v }, l)));
  const [region, regionL] = f('c-region', '承办区县（代码或名称）', { required: true });
  const [respondent, respondentL] = f('c-respondent', '被投诉（举报）人', { required: true });
  const [received, receivedL] = f('c-received', '收到日期', { type: 'date' });
  const [phone, phoneL] = f('c-phone', '联系电话');
  const [name, nameL] = f('c-name', '投诉人');
  const text = h('textarea', { id: 'c-text', rows: 3, cols: 60, required: true });
  const msg = h('p', { class: 'field-error', role: 'alert' });
  const form = h('form', { id: 'complaint-form', class: 'card' }, h('h3', {}, '登记投诉举报'),
    h('p', {}, h('label', {}, '类型 ', kind), ' ', h('label', {}, '渠道 ', channel)),
    h('p', {}, regionL, ' ', respondentL, ' ', receivedL), h('p', {}, nameL, ' ', phoneL),
    h('label', {}, '内容', text), h('p', {}, h('button', { type: 'submit' }, '登记')), msg);
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

async function itemPage(ctx, id) {
  const { app, me, route } = ctx;
  const c = await api('GET', `/api/complaints/${id}`);
  const msg = h('p', { class: 'field-error', role: 'alert', id: 'step-msg' });
  const reason = h('input', { id: 'step-reason', placeholder: '理由（不予受理、终止调解、不予立案时必填）', size: 30 });
  const steps = (NEXT[c.kind][c.state] || []).map(([to, label, needs]) => {
    const b = h('button', { type: 'button', class: 'step', 'data-state': to }, label);
    b.addEventListener('click', async () => {
      msg.textContent = '';
      if (needs && !reason.value.trim()) { msg.textContent = `${label}须写明理由`; reason.focus(); return; }
      try {
        await api('POST', `/api/complaints/${id}/steps`, { state: to, reason: reason.value.trim() || undefined });
        route();
      } catch (err) { msg.textContent = err.message; }
    });
    return b;
  });
  const person = h('span', { id: 'person' }, `${c.person_name || '—'} ${c.person_phone || ''}`);
  const show = me.role === 'office' || me.role === 'admin' ? h('button', { type: 'button', id: 'unmask' }, '查看个人信息') : '';
  if (show) show.addEventListener('click', async () => {
    const full = await api('GET', `/api/complaints/${id}?unmask=1`);
    person.textContent = `${full.person_name || '—'} ${full.person_phone || ''} ${full.person_id || ''}`;
    show.remove();
  });
  clear(app).append(h('p', {}, h('a', { href: '#/complaints' }, '← 返回投诉举报')),
    h('article', { class: 'card', id: 'complaint', 'data-state': c.state },
      h('h2', {}, `第 ${c.id} 号${c.kind === 'report' ? '举报' : '投诉'}：${c.respondent}`),
      h('p', {}, `收到：${c.received_on}；承办地区：${c.region}；状态：`, h('strong', { id: 'state' }, STATE[c.state] || c.state)),
      h('p', {}, `内容：${c.text}`), h('p', {}, '投诉人：', person, ' ', show),
      c.due ? h('p', { class: c.overdue ? 'overdue' : '' }, `待${AWAITING[c.awaiting]}，期限 ${c.due}`,
        c.overdue ? `（已逾期 ${-c.workdays_left} 个工作日）` : `（剩 ${c.workdays_left} 个工作日）`) : '',
      c.rule ? h('p', { class: 'req' }, `依据：${c.rule}`) : '',
      steps.length ? h('p', {}, reason, ' ', ...steps) : h('p', {}, '已办结'), msg));
}

export async function complaintsPage(ctx, id) {
  const { app, route } = ctx;
  if (id) return itemPage(ctx, id);
  const onlyAlerts = localStorage.getItem('complaint-alerts') === '1';
  const list = await api('GET', `/api/complaints${onlyAlerts ? '?alerts=1' : ''}`);
  const toggle = h('input', { type: 'checkbox', id: 'only-alerts', checked: onlyAlerts });
  toggle.addEventListener('change', () => { localStorage.setItem('complaint-alerts', toggle.checked ? '1' : '0'); route(); });
  const late = list.filter((c) => c.overdue).length;
  clear(app).append(h('h2', {}, `投诉举报（未办结 ${list.length} 件，逾期 ${late} 件）`),
    h('label', { class: 'picker' }, toggle, '只看逾期和两个工作日内到期的'),
    h('div', { class: 'scroll' }, h('table', { id: 'complaints' },
      h('tr', {}, ['编号', '类型', '承办地区', '收到', '被投诉（举报）人', '状态', '法定期限', '投诉人'].map((x) => h('th', {}, x))),
      list.map((c) => h('tr', { 'data-id': c.id, class: c.overdue ? 'overdue' : '' },
        h('td', {}, h('a', { href: `#/complaints/${c.id}` }, String(c.id))),
        h('td', {}, c.kind === 'report' ? '举报' : '投诉'), h('td', {}, c.region), h('td', {}, c.received_on),
        h('td', {}, c.respondent), h('td', {}, STATE[c.state] || c.state), dueCell(c),
        h('td', {}, `${c.person_name || ''} ${c.person_phone || ''}`))))),
    intakeForm((newId) => { location.hash = `#/complaints/${newId}`; }));
}
