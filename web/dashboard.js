// The plan dashboard (targets by goal, with charts) for a region chosen by
// name, and one target's page with the county comparison.
import { api } from './api.js';
import { h, clear, statusLabel, STATUS_ORDER, fmt, valueUnit } from './ui.js';
import { drawSeries, gapOf, projectionYear } from './chart.js';
import { currentPlan, planPicker } from './plan.js';
import { comparison } from './compare.js';
import { regionChoices, chosenRegion, regionPicker } from './regions.js';
import { periodLabel } from './attach.js';
import { _ } from './i18n.js';

// The gap to target in words, red while it is open.
function gapLine(t, lead) {
  const g = gapOf(t);
  return g ? h('p', { class: `gap${g.open ? '' : ' closed'}` }, `${lead}${g.text}`) : '';
}

const regionQuery = (plan, region) => (region && region !== plan.region ? `region=${encodeURIComponent(region)}` : '');

export async function dashboard(ctx) {
  const { app, me, route } = ctx;
  const { plans, plan } = await currentPlan();
  const choices = await regionChoices(plan, me);
  const region = chosenRegion(plan, me, choices);
  const rq = regionQuery(plan, region);
  const st = await api('GET', `/api/plans/${plan.id}/status?series=1${rq ? '&' + rq : ''}`);
  const counts = h('div', { class: 'counts', id: 'counts' },
    STATUS_ORDER.map((s) => h('span', { class: `chip s-${s}`, 'data-status': s },
      `${statusLabel(s)} ${st.counts[s] || 0}`)));
  const goals = new Map();
  for (const t of st.targets) {
    const g = t.goal || _('其他目标');
    if (!goals.has(g)) goals.set(g, []);
    goals.get(g).push(t);
  }
  const sections = [];
  const charts = [];
  for (const [goal, targets] of goals) {
    sections.push(h('section', { class: 'goal' }, h('h3', {}, goal),
      h('div', { class: 'grid' }, targets.map((t) => {
        const chart = h('div', { class: 'chart' });
        charts.push([chart, t]);
        return h('article', { class: `card target s-${t.status}`, 'data-target': t.target },
          h('h4', {}, h('a', { href: `#/target/${plan.id}/${t.target}` }, t.indicator)),
          h('p', { class: 'req' }, _('目标：{requirement}{x2}', { requirement: t.requirement, x2: t.year ? _('（{year}年）', { year: t.year }) : '' })),
          h('p', {}, _('最新：{x1}{x2}', { x1: t.current == null ? '—' : fmt(t.current) + valueUnit(t.unit, t.op), x2: t.latest_period ? _('（{latest_period}）', { latest_period: periodLabel(t.latest_period) }) : '' })),
          gapLine(t, _('距目标：')),
          h('p', { class: 'status' }, statusLabel(t.status)),
          h('p', { class: 'owners' }, t.owners ? _('牵头：{owners}', { owners: t.owners }) : ''),
          choices.length > 1 ? h('p', {}, h('a', { class: 'compare-link', href: `#/target/${plan.id}/${t.target}` }, _('各县（市、区）比较 →'))) : '',
          chart);
      }))));
  }
  clear(app).append(
    h('div', { class: 'pickers' }, planPicker(plans, plan, route), regionPicker(plan, choices, region, route)),
    h('h2', {}, _('{x1} 工作目标完成情况', { x1: st.region_name || '' })), counts, ...sections);
  for (const [el, t] of charts) drawSeries(el, t, true);
}

// A count whose figures add up: the API's series is the running total
// (what "latest" and the status read), the reported figure beside it.
const running = (t) => (t.series || []).some((p) => p.reported != null && p.reported !== p.value);

export async function targetPage(ctx, planId, targetId) {
  const { app, me, route } = ctx;
  const { plans } = await currentPlan();
  const plan = plans.find((p) => String(p.id) === String(planId)) || { id: planId };
  const choices = await regionChoices(plan, me);
  const region = chosenRegion(plan, me, choices);
  const rq = regionQuery(plan, region);
  const t = await api('GET', `/api/plans/${planId}/targets/${targetId}${rq ? '?' + rq : ''}`);
  const chart = h('div', { class: 'chart big' });
  const name = (choices.find((g) => g.code === t.region) || {}).name;
  // The counties of a city plan side by side (none for a county's plan).
  const compare = plan.region ? await comparison(plan.id, plan.region, t) : null;
  clear(app).append(h('p', {}, h('a', { href: '#/' }, _('← 返回工作目标'))),
    regionPicker(plan, choices, region, route),
    h('article', { class: `card target-page s-${t.status}` },
      h('h2', {}, `${t.indicator}${name ? _('（{name}）', { name }) : ''}`),
      h('p', {}, _('所属目标：{x1}；牵头单位：{x2}', { x1: t.goal || '—', x2: t.owners || '—' })),
      h('p', {}, _('目标：{requirement}{x2}', { requirement: t.requirement, x2: t.year ? _('（{year}年）', { year: t.year }) : '' })),
      h('p', { class: 'status' }, _('状态：{status}', { status: statusLabel(t.status) })),
      gapLine(t, _('最新值 {current}{x2}，距目标：', { current: fmt(t.current), x2: valueUnit(t.unit, t.op) })),
      h('p', {}, _('依据：{reason}', { reason: t.reason })),
      projectionYear(t) ? h('p', {}, _('按趋势预计{t}年达到 {projected}{x3}', { t: projectionYear(t), projected: fmt(t.projected), x3: valueUnit(t.unit, t.op) })) : '',
      chart,
      h('table', {}, h('tr', {}, h('th', {}, _('期间')), h('th', {}, _('数值')),
        running(t) ? h('th', {}, _('累计（状态按此计算）')) : ''),
        t.series.map((p) => h('tr', {}, h('td', {}, periodLabel(p.period)), h('td', {}, fmt(p.reported ?? p.value)),
          running(t) ? h('td', {}, fmt(p.value)) : '')))),
    compare || '');
  drawSeries(chart, t, false);
  if (compare) await compare.draw();
}
