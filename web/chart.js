// A target's series against its target line, with the trend projection
// to the due year, drawn with ECharts (copied from node_modules at build).
import * as echarts from '/vendor/echarts.mjs';

export function drawSeries(el, t, small) {
  const series = t.series || [];
  const periods = series.map((p) => p.period);
  const due = t.due || t.year;
  if (due && !periods.includes(String(due))) periods.push(String(due));
  const values = series.map((p) => p.value);
  const data = [
    { name: '实际值', type: 'line', data: values, symbolSize: small ? 4 : 7,
      markLine: t.value != null ? { symbol: 'none', lineStyle: { color: '#c0392b', type: 'dashed' },
        label: { position: 'insideEndTop', formatter: `目标 ${t.value}` }, data: [{ yAxis: t.value }] } : undefined },
  ];
  if (t.projected != null && series.length && due) {
    const proj = periods.map(() => null);
    proj[series.length - 1] = values[values.length - 1];
    proj[periods.indexOf(String(due))] = t.projected;
    data.push({ name: '趋势预测', type: 'line', data: proj, connectNulls: true,
      lineStyle: { type: 'dotted' }, symbol: 'emptyCircle' });
  }
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    grid: small ? { left: 40, right: 10, top: 20, bottom: 20 } : { left: 60, right: 30, top: 40, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: small ? undefined : { data: ['实际值', '趋势预测'] },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', scale: true, name: small ? '' : t.unit || '' },
    series: data,
  });
}
