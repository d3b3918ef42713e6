// 督查事项: the office opens an item on a unit (and a task or target of the
// plan) with the finding, what to rectify and a deadline, then closes or
// reopens it; a unit sees its own items and answers them. Attachments:
// the answer names files of the item's unit, chosen from those it has
// uploaded or uploaded here (the server refuses any other unit's).
import { api } from './api.js';
import { fileField, fileLink, sizeLabel } from './attach.js';
import { h, clear, actorLabel, emptyRow, dayLabel } from './ui.js';
import { currentPlan } from './plan.js';
import { _ } from './i18n.js';

const STATE_LABEL = { open: _('待整改'), answered: _('已答复'), closed: _('已办结') };
const ACTION_LABEL = { open: _('立项'), answer: _('答复'), close: _('办结'), reopen: _('重新打开') };
const staff = (me) => me.role === 'office' || me.role === 'admin';

function field(label, input) { return h('label', {}, label, input); }

async function openForm(ctx, plan) {
  const { route } = ctx;
  const units = await api('GET', `/api/units?region=${plan.region || ''}`);
  const unit = h('select', { id: 'sup-unit' }, units.map((u) => h('option', { value: u.id }, u.name)));
  const finding = h('textarea', { id: 'sup-finding', rows: 2, required: true });
  const rectify = h('textarea', { id: 'sup-rectify', rows: 2, required: true });
  const deadline = h('input', { id: 'sup-deadline', type: 'date', required: true });
  const task = h('input', { id: 'sup-task', placeholder: _('任务编号（可选）') });
  const msg = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'sup-open', class: 'card' }, h('h3', {}, _('新建督查事项')),
    field(_('责任单位'), unit), field(_('发现的问题'), finding), field(_('整改要求'), rectify),
    field(_('整改期限'), deadline), field(_('关联任务'), task), h('button', { type: 'submit' }, _('立项')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      const x = await api('POST', '/api/supervision', { plan: plan.id, unit_id: Number(unit.value),
        finding: finding.value, rectify: rectify.value, deadline: deadline.value, task: task.value || undefined });
      location.hash = `#/supervision/${x.id}`;
      route();
    } catch (err) { msg.textContent = err.message; }
  });
  return form;
}

// The item's unit's files as a checklist, newest first; an upload joins
// the list, chosen. chosen: the ids (text) the answer will send.
function filePicker(files, chosen, unit) {
  const list = h('ul', { id: 'sup-files', class: 'files' });
  const draw = () => list.replaceChildren(...(files.length ? files.map((a) => {
    const box = h('input', { type: 'checkbox', value: String(a.id), checked: chosen.has(String(a.id)) });
    box.addEventListener('change', () => (box.checked ? chosen.add(box.value) : chosen.delete(box.value)));
    return h('li', {}, h('label', {}, box, ` ${a.name}`, h('span', { class: 'size' }, ` (${sizeLabel(a.size)})`),
      _('（{date} 上传）', { date: dayLabel(a.uploaded_at) })), ' ',
    h('a', { href: a.url, download: a.name }, _('下载')));
  }) : [h('li', { class: 'empty' }, _('本单位尚无已上传的文件'))]));
  const fresh = [];
  const upload = fileField(fresh, { label: _('上传新文件'), unit, listed: false, onChange: () => {
    for (const a of fresh.splice(0)) { files.unshift(a); chosen.add(String(a.id)); }
    draw();
  } });
  draw();
  return h('div', { id: 'sup-attach' }, list, upload);
}

async function itemPage(ctx, id) {
  const { app, me, route } = ctx;
  const x = await api('GET', `/api/supervision/${id}`);
  const msg = h('p', { class: 'error', role: 'alert' });
  const act = async (path, body) => {
    msg.textContent = '';
    try { await api('POST', `/api/supervision/${id}/${path}`, body); route(); } catch (err) { msg.textContent = err.message; }
  };
  const forms = [];
  const files = await api('GET', `/api/attachments?unit=${x.unit_id}`).catch(() => []);
  if (x.state !== 'closed' && (me.role === 'unit' || staff(me))) {
    const text = h('textarea', { id: 'sup-answer', rows: 3 });
    const chosen = new Set();
    const btn = h('button', { type: 'button', id: 'sup-answer-send' }, _('提交答复'));
    btn.addEventListener('click', () => act('answer', { text: text.value,
      attachments: chosen.size ? [...chosen] : undefined }));
    forms.push(h('div', { class: 'card' }, h('h3', {}, _('整改答复')), field(_('答复内容'), text),
      h('div', {}, h('span', { class: 'label' }, _('附件（选择本单位已上传的文件，或上传新文件）')),
        filePicker(files, chosen, staff(me) ? x.unit_id : undefined)), btn));
  }
  // A step's attachments by name where the unit's files tell it.
  const byId = new Map(files.map((a) => [String(a.id), a]));
  const stepFiles = (ids) => ids.map((fid, i) => [i ? _('、') : '',
    byId.has(fid) ? fileLink(byId.get(fid)) : h('a', { class: 'file', href: `/api/attachments/${fid}` }, _('附件 {id}', { id: fid }))]);
  if (staff(me)) {
    const note = h('input', { id: 'sup-note', placeholder: _('说明（重新打开时必填）') });
    const close = h('button', { type: 'button', id: 'sup-close', disabled: x.state === 'closed' }, _('办结'));
    const reopen = h('button', { type: 'button', id: 'sup-reopen', disabled: x.state === 'open' }, _('重新打开'));
    close.addEventListener('click', () => act('close', { note: note.value || undefined }));
    reopen.addEventListener('click', () => act('reopen', { reason: note.value }));
    forms.push(h('div', { class: 'card' }, h('h3', {}, _('办理')), field(_('说明'), note), close, reopen));
  }
  clear(app).append(h('p', {}, h('a', { href: '#/supervision' }, _('← 督查事项'))),
    h('h2', {}, _('督查事项 {id}：{x2}{x3}', { id: x.id, x2: STATE_LABEL[x.state] || x.state, x3: x.overdue ? _('（已逾期）') : '' })),
    h('dl', { id: 'sup-item' }, h('dt', {}, _('方案')), h('dd', {}, x.plan), h('dt', {}, _('责任单位')), h('dd', {}, x.unit),
      x.task ? [h('dt', {}, _('关联任务')), h('dd', {}, x.task)] : null,
      x.target ? [h('dt', {}, _('关联目标')), h('dd', {}, x.target)] : null,
      h('dt', {}, _('发现的问题')), h('dd', {}, x.finding), h('dt', {}, _('整改要求')), h('dd', {}, x.rectify),
      h('dt', {}, _('整改期限')), h('dd', {}, x.deadline)),
    h('h3', {}, _('办理过程')),
    h('ol', { id: 'sup-steps' }, x.steps.map((s) => h('li', { 'data-action': s.action },
      _('{x1} {x2}（{actor}）{x4}', { x1: dayLabel(s.at), x2: ACTION_LABEL[s.action] || s.action, actor: actorLabel(s.actor), x4: s.text ? _('：{text}', { text: s.text }) : '' }),
      s.attachments.length ? [_(' 附件：'), stepFiles(s.attachments)] : ''))),
    ...forms, msg);
}

export async function supervisionPage(ctx, id) {
  if (id) return itemPage(ctx, id);
  const { app, me } = ctx;
  const list = await api('GET', '/api/supervision');
  const rows = list.map((x) => h('tr', { class: x.overdue ? 'sev-3' : '' },
    h('td', {}, h('a', { href: `#/supervision/${x.id}` }, String(x.id))), h('td', {}, x.unit),
    h('td', {}, x.finding), h('td', {}, x.deadline),
    h('td', {}, `${STATE_LABEL[x.state] || x.state}${x.overdue ? _('（逾期）') : ''}`)));
  const parts = [h('h2', {}, _('督查事项（{length} 项）', { length: list.length })),
    h('table', { id: 'supervision' }, h('tr', {}, [_('编号'), _('责任单位'), _('问题'), _('整改期限'), _('状态')].map((t) => h('th', {}, t))),
      rows.length ? rows : emptyRow(5, _('暂无督查事项。')))];
  if (staff(me)) parts.push(await openForm(ctx, (await currentPlan()).plan));
  clear(app).append(...parts);
}
