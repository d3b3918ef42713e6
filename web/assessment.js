// The annual assessment: units ranked with their items and reasons.
import { api } from './api.js';
import { h, clear, fmt } from './ui.js';
import { currentPlan, planPicker } from './plan.js';

export async function assessmentPage(ctx) {
  const { app, me, route } = ctx;
  const { plans, plan } = await currentPlan();
  const year = Number(localStorage.getItem('year')) || plan.period_end || new Date().getFullYear() - 1;
  const a = await api('GET', `/api/plans/${plan.id}/assessment?year=${year}`);
  const yin = h('input', { id: 'year', value: year, size: 6 });
  yin.addEventListener('change', () => { localStorage.setItem('year', yin.value); route(); });
  clear(app).append(planPicker(plans, plan, route), h('label', { class: 'picker' }, '考评年度：', yin),
    h('h2', {}, `${a.year}年度绩效考评（${a.scheme || '默认评分细则'}）`),
    ...a.subjects.map((s) => h('details', { class: 'card' },
      h('summary', {}, `第${s.rank}名 ${s.name} — ${fmt(s.score)}分 ${s.grade}${s.vetoed ? '（一票否决）' : ''}`),
      h('table', {}, h('tr', {}, ['考评项目', '得分', '满分', '来源', '评分依据'].map((x) => h('th', {}, x))),
        s.items.map((l) => h('tr', {}, h('td', {}, l.name || l.item), h('td', {}, fmt(l.points)),
          h('td', {}, l.max ? fmt(l.max) : '—'), h('td', {}, l.source || ''), h('td', {}, l.reason || '')))))));
}
