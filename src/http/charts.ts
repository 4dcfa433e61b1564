/** Charts rendered on the server to SVG with ECharts (for documents and for pages without script). */
import * as echarts from 'echarts';
import type { ChartTable } from '../domain/analytics/analytics.service.js';

export function chartSvg(table: ChartTable, lang: 'en' | 'zh', width = 720, height = 400): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      title: { text: table.title[lang], left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 40, bottom: 72, containLabel: true },
      xAxis: { type: 'category', data: table.rows.map((r) => String(r[0])), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: table.columns.slice(1).map((name, n) => ({
        name,
        type: 'bar',
        stack: table.chart === 'issues-by-category' ? 'total' : undefined,
        data: table.rows.map((r) => r[n + 1]),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
