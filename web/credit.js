// 信用: an enterprise's credit page (grade with the events and rules behind
// it, listings, awards, the credit report), the black list, penalty
// disclosures and red list as of a date with their exports, the logged
// sanctions check, and the awards register with the reward list
// (docs/credit.md). Office and admin act; region users read their area.
import { api } from './api.js';
import { h, clear } from './ui.js';

const LISTS = { black: '严重违法失信名单', penalty: '行政处罚信息公示', red: '质量诚信红榜' };
const PURPOSE = { procurement: '政府采购', subsidy: '财政补贴', award: '评优评先' };
const CATEGORY = { general: '一般', food: '食品', drug: '药品', special_equipment: '特种设备' };
const LEVEL = { national: '国家级', provincial: '省级', municipal: '市级', county: '县级' };

const staff = (me) => me.role === 'office' || me.role === 'admin';
const cell = (x) => h('td', {}, x == null || x === '' ? '—' : String(x));
const table = (head, rows) => h('table', {}, h('thead', {}, h('tr', {}, head.map((x) => h('th', {}, x)))),
  h('tbody', {}, rows));

async function enterpriseSection(code) {
  const e = await api('GET', `/api/credit/enterprises/${encodeURIComponent(code)}`);
  const g = e.grade;
  const grade = g.error ? h('p', { class: 'error' }, g.error)
    : h('div', {}, h('p', {}, h('strong', { class: `grade grade-${g.grade}` }, `信用等级 ${g.grade}`),
      `　得分 ${g.score}（评价方案 ${g.scheme}，截至 ${g.as_of}）`),
    g.override ? h('p', { class: 'overdue' }, g.override) : null,
    g.basis.length ? table(['日期', '事项', '规则', '分值', '剩余权重'], g.basis.map((b) =>
      h('tr', {}, cell(b.date), cell(b.title), cell(b.rule), cell(b.points), cell(b.weight))))
      : h('p', {}, '评价期内无计分事项。'));
  const listings = e.listings.rows.length
    ? table(['名单', '领域', '事由', '文号', '列入', '公示截止', '可申请修复', '状态'], e.listings.rows.map((l) =>
      h('tr', {}, cell(LISTS[l.list]), cell(CATEGORY[l.category]), cell(l.ground), cell(l.decision_no),
        cell(l.decided_on), cell(l.public_until), cell(l.repair_from),
        cell(l.public ? '公示中' : l.removal === 'repair' ? '已修复移出' : l.removal === 'expired' ? '期满移出' : '未公示'))))
    : h('p', {}, '无名单记录。');
  const awards = e.awards.length
    ? h('ul', {}, e.awards.map((a) => h('li', {}, `${a.year} 年 ${a.label}（${LEVEL[a.level] || a.level}）${a.name || ''}`)))
    : h('p', {}, '登记册中无奖项或品牌。');
  const base = `/api/credit/enterprises/${encodeURIComponent(e.uscc)}/report`;
  return h('section', { class: 'card', id: 'credit-enterprise' },
    h('h3', {}, `${e.name}（${e.uscc}）`),
    h('p', {}, `地区 ${e.region || '—'}　抽查 ${e.samples} 批次，不合格 ${e.failed} 批次`), grade,
    h('h4', {}, '名单记录'), listings, h('h4', {}, '奖项与品牌'), awards,
    h('p', {}, '企业信用报告：', h('a', { href: `${base}/pdf` }, 'PDF'), ' ', h('a', { href: `${base}/docx` }, 'Word'),
      ' ', h('a', { href: `${base}/html` }, '网页')));
}

function lookupForm(out) {
  const code = h('input', { id: 'credit-uscc', name: 'uscc', size: 22, required: true });
  const form = h('form', { class: 'card', id: 'credit-lookup' }, h('label', {}, '统一社会信用代码 ', code), ' ',
    h('button', { type: 'submit' }, '查看信用'));
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
  const form = h('form', { class: 'card', id: 'credit-check' }, h('h3', {}, '信用核查（每次核查留痕）'),
    h('label', {}, '统一社会信用代码 ', code), ' ', h('label', {}, '用途 ', purpose), ' ',
    h('button', { type: 'submit' }, '核查'), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const v = await api('POST', '/api/credit/check', { uscc: code.value.trim(), purpose: purpose.value });
      clear(out).append(h('div', {}, h('p', { class: v.result === 'restricted' ? 'overdue' : '' },
        v.result === 'restricted' ? '限制' : '不受限制', '：', v.rule), v.listing ? h('p', {}, v.listing) : null));
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
  const body = rows.length ? table(['代码', '名称', '地区', '事由', '文号', '列入', '公示截止', '门户'], rows.map((l) => {
    const tr = h('tr', {}, cell(l.uscc), cell(l.name), cell(l.region), cell(l.ground), cell(l.decision_no),
      cell(l.decided_on), cell(l.public_until));
    if (l.published_on) tr.append(cell(`已发布 ${l.published_on}`));
    else if (staff(me)) {
      const b = h('button', { type: 'button' }, '发布到门户');
      b.addEventListener('click', async () => {
        await api('POST', `/api/credit/listings/${l.id}/publish`, {});
        rerender(list, date.value);
      });
      tr.append(h('td', {}, b));
    } else tr.append(cell('未发布'));
    return tr;
  })) : h('p', {}, '当日没有公示中的记录。');
  const exp = `/api/credit/lists/${list}${q}&format=`;
  return h('section', { class: 'card', id: 'credit-lists' }, h('h3', {}, LISTS[list]), h('p', {}, tabs),
    h('p', {}, h('label', {}, '截至日期 ', date), '　导出：', h('a', { href: `${exp}csv` }, 'CSV'), ' ',
      h('a', { href: `${exp}xlsx` }, 'Excel')), body);
}

async function awardsSection(me) {
  const a = await api('GET', '/api/awards');
  const sec = h('section', { class: 'card', id: 'credit-awards' }, h('h3', {}, '奖项与品牌登记册'),
    a.length ? table(['年度', '类别', '级别', '获得者', '产品/商标', '地区', '证书'], a.map((x) =>
      h('tr', {}, cell(x.year), cell(x.label), cell(LEVEL[x.level]), cell(x.holder), cell(x.name), cell(x.region),
        cell(x.certificate)))) : h('p', {}, '登记册为空。'));
  if (!staff(me)) return sec;
  const year = h('input', { type: 'number', id: 'reward-year', min: 1980, max: 2100, value: new Date().getFullYear() - 1 });
  const out = h('div');
  const btn = h('button', { type: 'button' }, '奖励资格清单（岳阳规则）');
  btn.addEventListener('click', async () => {
    try {
      const r = await api('GET', `/api/rewards?year=${year.value}`);
      clear(out).append(r.rows.length ? table(['获得者', '奖项', '档次', '当年纳税（元）', '门槛（元）', '资格', '奖励'],
        r.rows.map((x) => h('tr', {}, cell(x.holder), cell(x.award), cell(x.rule_text), cell(x.tax),
          cell(x.min_tax), cell(x.eligible ? '符合' : '不符合'), cell(x.amount)))) : h('p', {}, '该年度无相关奖项。'));
    } catch (err) {
      clear(out).append(h('p', { class: 'error', role: 'alert' }, err.message));
    }
  });
  sec.append(h('p', {}, h('label', {}, '年度 ', year), ' ', btn), out);
  return sec;
}

export async function creditPage(ctx, code) {
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
  clear(app).append(...[h('h2', {}, '质量信用'), lookupForm(detail), detail, staff(me) ? checkForm() : null, lists]
    .filter(Boolean));
  if (code) clear(detail).append(await enterpriseSection(code));
  await rerender('black', '');
  app.append(await awardsSection(me));
}
