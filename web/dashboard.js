// The plan dashboard (targets by goal, with charts) and one target's page.
import { api } from './api.js';
import { h, clear, statusLabel, STATUS_ORDER, fmt } from './ui.js';
import { drawSeries } from './chart.js';
import { currentPlan, planPicker } from './plan.js';

export async function dashboard(ctx) {
  const { app, me, route } = ctx;
  const { plans, plan } = await currentPlan();
  const st = await api('GET', `/api/plans/${plan.id}/status?series=1`);
  const counts = h('div', { class: 'counts', id: 'counts' },
    STATUS_ORDER.map((s) => h('span', { class: `chip s-${s}`, 'data-status': s },
      `${statusLabel(s)} ${st.counts[s] || 0}`)));
  const goals = new Map();
  for (const t of st.targets) {
    const g = t.goal || '其他目标';
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
          h('p', { class: 'req' }, `目标：${t.requirement}${t.year ? `（${t.year}年）` : ''}`),
          h('p', {}, `最新：${t.current == null ? '—' : fmt(t.current) + (t.unit || '')}${t.latest_period ? `（${t.latest_period}）` : ''}`),
          h('p', { class: 'status' }, statusLabel(t.status)),
          h('p', { class: 'owners' }, t.owners ? `牵头：${t.owners}` : ''),
          chart);
      }))));
  }
  clear(app).append(
    planPicker(plans, plan, route),
    h('h2', {}, `${st.region_name || ''} 工作目标完成情况`), counts, ...sections);
  for (const [el, t] of charts) drawSeries(el, t, true);
}

// A count whose figures add up: the API's series is the running total
// (what "latest" and the status read), the reported figure beside it.
const running = (t) => (t.series || []).some((p) => p.reported != null && p.reported !== p.value);

export async function targetPage(ctx, planId, targetId) {
  const { app, me, route } = ctx;
  const t = await api('GET', `/api/plans/${planId}/targets/${targetId}`);
  const chart = h('div', { class: 'chart big' });
  clear(app).append(h('p', {}, h('a', { href: '#/' }, '← 返回工作目标')),
    h('article', { class: `card s-${t.status}` },
      h('h2', {}, t.indicator),
      h('p', {}, `所属目标：${t.goal || '—'}；牵头单位：${t.owners || '—'}`),
      h('p', {}, `目标：${t.requirement}${t.year ? `（${t.year}年）` : ''}`),
      h('p', { class: 'status' }, `状态：${statusLabel(t.status)}`),
      h('p', {}, `依据：${t.reason}`),
      t.projected != null ? h('p', {}, `按趋势预计${t.due || ''}年达到 ${fmt(t.projected)}${t.unit || ''}`) : '',
      chart,
      h('table', {}, h('tr', {}, h('th', {}, '期间'), h('th', {}, '数值'),
        running(t) ? h('th', {}, '累计（状态按此计算）') : ''),
        t.series.map((p) => h('tr', {}, h('td', {}, p.period), h('td', {}, fmt(p.reported ?? p.value)),
          running(t) ? h('td', {}, fmt(p.value)) : '')))));
  drawSeries(chart, t, false);
}
