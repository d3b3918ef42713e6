// 信用: an enterprise's credit page (grade with the events and rules behind
// it, listings, awards, the credit report), the black list, penalty
// disclosures and red list as of a date with their exports, the logged
// sanctions check, and the awards register with the reward list
// (docs/credit.md). Office and admin act; region users read their area.
import { api } from './api.js';
import { h, clear } from './ui.js';
import { regionNames } from './regions.js';
import { _ } from './i18n.js';

const LISTS = { black: _('严重违法失信名单'), penalty: _('行政处罚信息公示'), red: _('质量诚信红榜') };
const PURPOSE = { procurement: _('政府采购'), subsidy: _('财政补贴'), award: _('评优评先') };
const CATEGORY = { general: _('一般'), food: _('食品'), drug: _('药品'), special_equipment: _('特种设备') };
const LEVEL = { national: _('国家级'), provincial: _('省级'), municipal: _('市级'), county: _('县级') };

const staff = (me) => me.role === 'office' || me.role === 'admin';
const cell = (x) => h('td', {}, x == null || x === '' ? '—' : String(x));
const table = (head, rows) => h('table', {}, h('thead', {}, h('tr', {}, head.map((x) => h('th', {}, x)))),
  h('tbody', {}, rows));

// At the nation a credit code held by several provinces is one record
// each: #/credit/CODE/PROVINCE asks for the holder's (?province=).
async function enterpriseSection(code, province) {
  const of = province ? `?province=${encodeURIComponent(province)}` : '';
  const e = await api('GET', `/api/credit/enterprises/${encodeURIComponent(code)}${of}`);
  const g = e.grade;
  const grade = g.error ? h('p', { class: 'error' }, g.error)
    : h('div', {}, h('p', {}, h('strong', { class: `grade grade-${g.grade}` }, _('信用等级 {grade}', { grade: g.grade })),
      _('　得分 {score}（评价方案 {scheme}，截至 {as_of}）', { score: g.score, scheme: g.scheme, as_of: g.as_of })),
    g.override ? h('p', { class: 'overdue' }, g.override) : null,
    g.basis.length ? table([_('日期'), _('事项'), _('规则'), _('分值'), _('剩余权重')], g.basis.map((b) =>
      h('tr', {}, cell(b.date), cell(b.title), cell(b.rule), cell(b.points), cell(b.weight))))
      : h('p', {}, _('评价期内无计分事项。')));
  const listings = e.listings.rows.length
    ? table([_('名单'), _('领域'), _('事由'), _('文号'), _('列入'), _('公示截止'), _('可申请修复'), _('状态')], e.listings.rows.map((l) =>
      h('tr', {}, cell(LISTS[l.list]), cell(CATEGORY[l.category]), cell(l.ground), cell(l.decision_no),
        cell(l.decided_on), cell(l.public_until), cell(l.repair_from),
        cell(l.public ? _('公示中') : l.removal === 'repair' ? _('已修复移出') : l.removal === 'expired' ? _('期满移出') : _('未公示')))))
    : h('p', {}, _('无名单记录。'));
  const awards = e.awards.length
    ? h('ul', {}, e.awards.map((a) => h('li', {}, _('{year} 年 {label}（{x3}）{x4}', { year: a.year, label: a.label, x3: LEVEL[a.level] || a.level, x4: a.name || '' }))))
    : h('p', {}, _('登记册中无奖项或品牌。'));
  const base = `/api/credit/enterprises/${encodeURIComponent(e.uscc)}/report`;
  const regionName = await regionNames([e.region]);
  return h('section', { class: 'card', id: 'credit-enterprise' },
    h('h3', {}, _('{name}（{uscc}）', { name: e.name, uscc: e.uscc })),
    h('p', {}, _('地区 {x1}　抽查 {samples} 批次，不合格 {failed} 批次', { x1: e.region ? regionName(e.region) : '—', samples: e.samples, failed: e.failed })), grade,
    h('h4', {}, _('名单记录')), listings, h('h4', {}, _('奖项与品牌')), awards,
    h('p', {}, _('企业信用报告：'), h('a', { href: `${base}/pdf${of}` }, 'PDF'), ' ', h('a', { href: `${base}/docx${of}` }, 'Word'),
      ' ', h('a', { href: `${base}/html${of}` }, _('网页'))));
}

function lookupForm(out) {
  const code = h('input', { id: 'credit-uscc', name: 'uscc', size: 22, required: true });
  const form = h('form', { class: 'card', id: 'credit-lookup' }, h('label', {}, _('统一社会信用代码 '), code), ' ',
    h('button', { type: 'submit' }, _('查看信用')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      clear(out).append(await enterpriseSection(code.value.trim()));
    } catch (err) {
      clear(out).append(h('p', { class: 'error', role: 'alert' }, err.message));
    }
  });
  return form;
}

function checkForm() {
  const code = h('input', { id: 'check-uscc', size: 22, required: true });
  const purpose = h('select', { id: 'check-purpose' },
    Object.entries(PURPOSE).map(([v, l]) => h('option', { value: v }, l)));
  const out = h('div', { role: 'status' });
  const form = h('form', { class: 'card', id: 'credit-check' }, h('h3', {}, _('信用核查（每次核查留痕）')),
    h('label', {}, _('统一社会信用代码 '), code), ' ', h('label', {}, _('用途 '), purpose), ' ',
    h('button', { type: 'submit' }, _('核查')), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const v = await api('POST', '/api/credit/check', { uscc: code.value.trim(), purpose: purpose.value });
      clear(out).append(h('div', {}, h('p', { class: v.result === 'restricted' ? 'overdue' : '' },
        v.result === 'restricted' ? _('限制') : _('不受限制'), _('：'), v.rule), v.listing ? h('p', {}, v.listing) : null));
    } catch (err) {
      clear(out).append(h('p', { class: 'error', role: 'alert' }, err.message));
    }
  });
  return form;
}

async function listSection(me, list, asOf, rerender) {
  const q = `?all=0${asOf ? `&as_of=${asOf}` : ''}`;
  const rows = await api('GET', `/api/credit/lists/${list}${q}`);
  const date = h('input', { type: 'date', id: 'credit-as-of', value: asOf || '' });
  date.addEventListener('change', () => rerender(list, date.value));
  const tabs = Object.entries(LISTS).map(([k, l]) => k === list ? h('strong', {}, l, ' ')
    : h('a', { href: '#', 'data-list': k }, l, ' '));
  for (const a of tabs.filter((t) => t.tagName === 'A'))
    a.addEventListener('click', (e) => { e.preventDefault(); rerender(a.dataset.list, date.value); });
  const regionName = await regionNames(rows.map((l) => l.region));
  const body = rows.length ? table([_('代码'), _('名称'), _('地区'), _('事由'), _('文号'), _('列入'), _('公示截止'), _('门户')], rows.map((l) => {
    const tr = h('tr', {}, cell(l.uscc), cell(l.name), cell(regionName(l.region)), cell(l.ground), cell(l.decision_no),
      cell(l.decided_on), cell(l.public_until));
    if (l.published_on) tr.append(cell(_('已发布 {published_on}', { published_on: l.published_on })));
    else if (staff(me)) {
      const b = h('button', { type: 'button' }, _('发布到门户'));
      b.addEventListener('click', async () => {
        await api('POST', `/api/credit/listings/${l.id}/publish`, {});
        rerender(list, date.value);
      });
      tr.append(h('td', {}, b));
    } else tr.append(cell(_('未发布')));
    return tr;
  })) : h('p', {}, _('当日没有公示中的记录。'));
  const exp = `/api/credit/lists/${list}${q}&format=`;
  return h('section', { class: 'card', id: 'credit-lists' }, h('h3', {}, LISTS[list]), h('p', {}, tabs),
    h('p', {}, h('label', {}, _('截至日期 '), date), _('　导出：'), h('a', { href: `${exp}csv` }, 'CSV'), ' ',
      h('a', { href: `${exp}xlsx` }, 'Excel')), body);
}

async function awardsSection(me) {
  const a = await api('GET', '/api/awards');
  const regionName = await regionNames(a.map((x) => x.region));
  const sec = h('section', { class: 'card', id: 'credit-awards' }, h('h3', {}, _('奖项与品牌登记册')),
    a.length ? table([_('年度'), _('类别'), _('级别'), _('获得者'), _('产品/商标'), _('地区'), _('证书')], a.map((x) =>
      h('tr', {}, cell(x.year), cell(x.label), cell(LEVEL[x.level]), cell(x.holder), cell(x.name), cell(regionName(x.region)),
        cell(x.certificate)))) : h('p', {}, _('登记册为空。')));
  if (!staff(me)) return sec;
  const year = h('input', { type: 'number', id: 'reward-year', min: 1980, max: 2100, value: new Date().getFullYear() - 1 });
  const out = h('div');
  const btn = h('button', { type: 'button' }, _('奖励资格清单（岳阳规则）'));
  btn.addEventListener('click', async () => {
    try {
      const r = await api('GET', `/api/rewards?year=${year.value}`);
      clear(out).append(r.rows.length ? table([_('获得者'), _('奖项'), _('档次'), _('当年纳税（元）'), _('门槛（元）'), _('资格'), _('奖励')],
        r.rows.map((x) => h('tr', {}, cell(x.holder), cell(x.award), cell(x.rule_text), cell(x.tax),
          cell(x.min_tax), cell(x.eligible ? _('符合') : _('不符合')), cell(x.amount)))) : h('p', {}, _('该年度无相关奖项。')));
    } catch (err) {
      clear(out).append(h('p', { class: 'error', role: 'alert' }, err.message));
    }
  });
  sec.append(h('p', {}, h('label', {}, _('年度 '), year), ' ', btn), out);
  return sec;
}

export async function creditPage(ctx, code, province) {
  const { app, me } = ctx;
  const detail = h('div');
  const lists = h('div');
  const rerender = async (list, asOf) => {
    try {
      clear(lists).append(await listSection(me, list, asOf, rerender));
    } catch (err) {
      clear(lists).append(h('p', { class: 'error', role: 'alert' }, err.message));
    }
  };
  clear(app).append(...[h('h2', {}, _('质量信用')), lookupForm(detail), detail, staff(me) ? checkForm() : null, lists]
    .filter(Boolean));
  if (code) clear(detail).append(await enterpriseSection(code, province));
  await rerender('black', '');
  app.append(await awardsSection(me));
}
