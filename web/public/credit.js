// The published credit lists on the public portal (issue 19): the black
// list (严重违法失信名单), penalty disclosures and the red list (质量诚信红榜).
// Only what the office published and what is public today
// (/api/public/credit/{list}); each list says its "as of" date.
import { h, clear } from '/ui.js';
import { _ } from '../i18n.js';

const LISTS = { black: _('严重违法失信名单'), red: _('质量诚信红榜'), penalty: _('行政处罚信息公示') };

export async function publicCreditPage(app, list) {
  const key = LISTS[list] ? list : 'black';
  const res = await fetch(`/api/public/credit/${key}`, { credentials: 'omit' });
  const r = await res.json().catch(() => null);
  if (!res.ok) throw new Error((r && r.error) || _('服务器错误 {status}', { status: res.status }));
  const tabs = h('p', {}, Object.entries(LISTS).map(([k, label]) =>
    k === key ? h('strong', {}, label, ' ') : h('a', { href: `#/credit/${k}` }, label, ' ')));
  const head = [_('统一社会信用代码'), _('名称'), _('事由'), _('决定文号'), _('决定机关'), _('列入日期'), _('公示截止')];
  const body = r.rows.length
    ? h('table', {}, h('thead', {}, h('tr', {}, head.map((x) => h('th', {}, x)))),
      h('tbody', {}, r.rows.map((x) => h('tr', {},
        [x.uscc, x.name, x.ground, x.decision_no, x.authority, x.decided_on, x.public_until]
          .map((c) => h('td', {}, c || '—'))))))
    : h('p', {}, _('目前没有公示的记录。'));
  clear(app).append(h('h2', {}, r.title), tabs, h('p', { class: 'as-of' }, _('数据截至：{as_of}', { as_of: r.as_of })), body,
    h('p', { class: 'note' }, _('严重违法失信名单公示期三年，期满移出（市场监管总局令2021年第44号）；')
      + _('信用修复后提前移出的不再显示。')));
}
