// API 令牌: the signed-in user's tokens for scripts — make one (shown
// once, never again), see when each expires and was last used, revoke.
import { api } from './api.js';
import { h, clear, timeLabel, emptyRow } from './ui.js';
import { _ } from './i18n.js';

const at = (s) => (s ? timeLabel(s) : '—');

export async function tokensPage(app) {
  const list = await api('GET', '/api/tokens');
  const name = h('input', { id: 'token-name', required: true, maxlength: 100, 'aria-label': _('用途') });
  const days = h('input', { id: 'token-days', type: 'number', min: 1, max: 365, value: 90, 'aria-label': _('有效天数') });
  const msg = h('p', { class: 'field-error', role: 'alert' });
  const shown = h('p', { id: 'token-new' });
  const form = h('form', { class: 'record' }, h('label', {}, _('用途 '), name), h('label', {}, _('有效天数 '), days),
    h('button', { type: 'submit' }, _('生成令牌')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      const t = await api('POST', '/api/tokens', { name: name.value.trim(), days: Number(days.value) });
      await tokensPage(app);
      document.getElementById('token-new').append(_('新令牌（只显示这一次，请立即保存）：'),
        h('code', { class: 'token' }, t.token), _('，{expires_at} 到期。', { expires_at: at(t.expires_at) }));
    } catch (err) { msg.textContent = err.message; }
  });
  const rows = list.map((t) => {
    const revoke = h('button', { type: 'button' }, _('吊销'));
    revoke.addEventListener('click', async () => {
      try { await api('POST', `/api/tokens/${t.id}/revoke`, {}); await tokensPage(app); }
      catch (err) { msg.textContent = err.message; }
    });
    const state = t.revoked_at ? _('已吊销 {revoked_at}', { revoked_at: at(t.revoked_at) })
      : Date.parse(t.expires_at) < Date.now() ? _('已过期') : revoke;
    return h('tr', {}, h('td', {}, t.name), h('td', {}, at(t.created_at)), h('td', {}, at(t.expires_at)),
      h('td', {}, at(t.last_used_at)), h('td', {}, state));
  });
  clear(app).append(h('h2', {}, _('API 令牌')),
    h('p', {}, _('脚本以请求头 Authorization: Bearer 令牌 调用接口。修改密码会吊销全部令牌。')),
    form, shown,
    h('table', {}, h('tr', {}, [_('用途'), _('生成时间'), _('到期'), _('最近使用'), ''].map((x) => h('th', {}, x))),
      rows.length ? rows : emptyRow(5, _('尚未生成令牌。'))));
}
