// The review queue (office) and a unit's own submissions.
import { api } from './api.js';
import { h, clear } from './ui.js';
import { STATE_LABEL } from './entry.js';

export async function reviewPage(ctx) {
  const { app, me, route } = ctx;
  const list = await api('GET', '/api/submissions');
  const staff = me.role === 'office' || me.role === 'admin';
  const act = async (x, what, body = {}) => {
    try { await api('POST', `/api/submissions/${x.id}/${what}`, body); route(); }
    catch (e) { alert(e.message); }
  };
  clear(app).append(h('h2', {}, staff ? '审核队列' : '本单位的提交'),
    list.length ? h('table', { id: 'review' },
      h('tr', {}, ['单位', '期间', '状态', '数值', '进展报告', '提交人', '操作'].map((x) => h('th', {}, x))),
      list.map((x) => {
        const reason = h('input', { class: 'reason', placeholder: '退回原因' });
        const ops = [];
        if (staff && x.state === 'submitted') {
          const ok = h('button', { class: 'accept', type: 'button' }, '通过');
          ok.addEventListener('click', () => act(x, 'accept'));
          const back = h('button', { class: 'return', type: 'button' }, '退回');
          back.addEventListener('click', () => {
            if (!reason.value.trim()) { reason.focus(); reason.placeholder = '请填写退回原因'; return; }
            act(x, 'return', { reason: reason.value.trim() });
          });
          ops.push(ok, ' ', reason, back);
        } else if (staff && x.state === 'accepted') {
          const re = h('button', { class: 'reopen', type: 'button' }, '重新开放');
          re.addEventListener('click', () => act(x, 'reopen', {}));
          ops.push(re);
        }
        return h('tr', { 'data-id': x.id, 'data-unit': x.unit },
          h('td', {}, x.unit), h('td', {}, x.period),
          h('td', { class: 'state' }, STATE_LABEL[x.state] + (x.reason ? `：${x.reason}` : '')),
          h('td', {}, String(x.values)), h('td', {}, String(x.reports)),
          h('td', {}, x.submitted_by || ''), h('td', {}, ops));
      })) : h('p', {}, '没有待审核的提交。'));
}
