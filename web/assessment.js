// The annual assessment: units, then regions, each in rank order with their
// items and reasons. The page opens on the latest year with data; a year
// chosen from the plan's years stays for this browser session.
import { api } from './api.js';
import { h, clear, fmt } from './ui.js';
import { currentPlan, planPicker } from './plan.js';
import { _ } from './i18n.js';

// The plan's latest year with a value (what the dashboard shows as 最新).
export async function latestYear(plan) {
  const st = await api('GET', `/api/plans/${plan.id}/status`);
  const years = st.targets.map((t) => parseInt(t.latest_period, 10)).filter((y) => y > 0);
  const now = new Date().getFullYear();
  let y = years.length ? Math.max(...years) : plan.period_end || now - 1;
  if (plan.period_end && y > plan.period_end) y = plan.period_end;
  return y;
}

function yearChoices(plan, latest) {
  const now = new Date().getFullYear();
  const first = plan.period_start || latest - 5;
  const last = Math.max(plan.period_end || now, latest);
  const ys = [];
  for (let y = last; y >= first; y--) ys.push(y);
  return ys;
}

// Where an item's points come from (docs/assessment-scheme.md): the
// engine, or a step of the manual scoring.
const SOURCE = { computed: _('系统计算'), self: _('单位自评'), verified: _('办公室核定'), final: _('最终认定'), none: _('未评分') };

function subjectCard(s) {
  return h('details', { class: 'card', 'data-rank': s.rank },
    h('summary', {}, _('第{rank}名 {name} — {score}分 {grade}{x5}', { rank: s.rank, name: s.name, score: fmt(s.score), grade: s.grade, x5: s.vetoed ? _('（一票否决）') : '' })),
    h('div', { class: 'scroll' }, h('table', {}, h('tr', {}, [_('考评项目'), _('得分'), _('满分'), _('来源'), _('评分依据')].map((x) => h('th', {}, x))),
      s.items.map((l) => h('tr', {}, h('td', {}, l.name || l.item), h('td', {}, fmt(l.points)),
        h('td', {}, l.max ? fmt(l.max) : '—'), h('td', { class: 'source' }, SOURCE[l.source] || l.source || ''), h('td', {}, l.reason || ''))))));
}

export async function assessmentPage(ctx) {
  const { app, route } = ctx;
  const { plans, plan } = await currentPlan();
  const latest = await latestYear(plan);
  const choices = yearChoices(plan, latest);
  const saved = Number(sessionStorage.getItem(`assess-year-${plan.id}`));
  const year = choices.includes(saved) ? saved : latest;
  const a = await api('GET', `/api/plans/${plan.id}/assessment?year=${year}`);
  const yin = h('select', { id: 'year', 'aria-label': _('考评年度') },
    choices.map((y) => h('option', { value: y, selected: y === year }, _('{y}年{x2}', { y, x2: y === latest ? _('（最新数据）') : '' }))));
  yin.addEventListener('change', () => { sessionStorage.setItem(`assess-year-${plan.id}`, yin.value); route(); });
  const byRank = (x, y) => x.rank - y.rank || y.score - x.score;
  const units = a.subjects.filter((s) => !s.is_region).sort(byRank);
  const regions = a.subjects.filter((s) => s.is_region).sort(byRank);
  clear(app).append(h('div', { class: 'pickers' }, planPicker(plans, plan, route), h('label', { class: 'picker' }, _('考评年度：'), yin)),
    h('h2', {}, _('{year}年度绩效考评（{x2}）', { year: a.year, x2: a.scheme || _('默认评分细则') })),
    units.length ? h('section', { id: 'assess-units' }, h('h3', {}, _('成员单位')), units.map(subjectCard)) : '',
    regions.length ? h('section', { id: 'assess-regions' }, h('h3', {}, _('县（市、区）')), regions.map(subjectCard)) : '');
}
