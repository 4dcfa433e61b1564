/**
 * Charts rendered on the server to SVG with ECharts (for documents and for
 * pages without script). Every bar carries its number as a label, and the
 * value axis carries none, so that the numbers printed in the SVG are exactly
 * the table's (zeros are not printed: an empty bar says it).
 */
import * as echarts from 'echarts';
import type { ChartTable } from '../domain/analytics/analytics.service.js';

const NO_DATA = { en: 'No data to show', zh: '暂无数据' };

export function chartSvg(table: ChartTable, lang: 'en' | 'zh', width = 720, height = 400): string {
  const horizontal = table.shape === 'horizontal';
  const categories = table.rowLabels.map((l) => l[lang]);
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    // The accessible description ECharts writes into the SVG speaks the chart's language too.
    locale: lang === 'zh' ? 'ZH' : 'EN',
    ssr: true,
    width,
    // Horizontal bars get taller with their rows, so that each label has room.
    height: horizontal ? Math.max(height, 120 + 28 * table.rows.length) : height,
  });
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    axisLabel: horizontal
      ? { interval: 0, width: 220, overflow: 'truncate' as const }
      : { interval: 0, rotate: categories.length > 4 ? 30 : 0, width: 140, overflow: 'truncate' as const },
  };
  const valueAxis = { type: 'value' as const, minInterval: 1, axisLabel: { show: false } };
  try {
    chart.setOption({
      animation: false,
      aria: { enabled: true, label: { enabled: true } },
      title: { text: table.title[lang], left: 'center', textStyle: { fontSize: 14 } },
      legend:
        table.columns.length > 2
          ? { bottom: 0, type: 'plain', itemGap: 16, textStyle: { fontSize: 11 } }
          : { show: false },
      grid: { left: 16, right: 24, top: 40, bottom: table.columns.length > 2 ? 72 : 24, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: table.columns.slice(1).map((_, n) => ({
        name: table.columnLabels[n + 1]![lang],
        type: 'bar',
        ...(table.shape === 'stacked' ? { stack: 'total' } : {}),
        label: {
          show: true,
          position: table.shape === 'stacked' ? 'inside' : horizontal ? 'right' : 'top',
          formatter: (p: { value: unknown }) => (Number(p.value) === 0 ? '' : String(p.value)),
        },
        data: table.rows.map((r) => r[n + 1]),
      })),
      ...(table.rows.length === 0
        ? {
            graphic: [
              {
                type: 'text',
                left: 'center',
                top: 'middle',
                style: { text: NO_DATA[lang], fontSize: 14, fill: '#565c65' },
              },
            ],
          }
        : {}),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
