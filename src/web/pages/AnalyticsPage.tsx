/**
 * Route `/dialogues/:key/analytics` (issue 7): the dialogue's charts, each the
 * server's SVG (the one documents use, its labels in the reader's language)
 * with its data table and its CSV beside it. The server counts what the
 * reader may see; the page shows the charts the server offers this reader.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { LocalText } from '../components/LocalText.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { apiGet, type ListOf } from '../hooks/api.js';
import { useAnalyticsT } from '../hooks/analytics-t.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useUiLanguage } from '../hooks/language.js';
import { useDialogue } from '../hooks/queries.js';
import { linkTo } from '../routes.js';

interface Label {
  en: string;
  zh: string;
}

/** GET …/analytics/{chart}.json: a chart's table, labels in both languages. */
export interface ChartTableT {
  chart: string;
  title: Label;
  columns: string[];
  columnLabels: Label[];
  rows: (string | number)[][];
  rowLabels: Label[];
  note?: Label;
}

const base = (key: string) => `/api/v1/dialogues/${encodeURIComponent(key)}/analytics`;

export function AnalyticsPage() {
  const { key = '' } = useParams();
  const t = useAnalyticsT();
  const dialogue = useDialogue(key);
  const index = useQuery({
    queryKey: ['dialogue', key, 'analytics'],
    queryFn: ({ signal }) => apiGet<ListOf<{ chart: string; title: Label }>>(base(key), signal),
  });
  useDocumentTitle(t('title'));
  const charts = index.data?.items ?? [];
  const tables = useQueries({
    queries: charts.map((c) => ({
      queryKey: ['dialogue', key, 'analytics', c.chart],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<ChartTableT>(`${base(key)}/${c.chart}.json`, signal),
    })),
  });
  if (index.isPending) return <Loading />;
  if (index.isError) return <ErrorState headingLevel={1} error={index.error} onRetry={() => void index.refetch()} />;
  return (
    <>
      <h1>{t('title')}</h1>
      <p>
        <Link to={linkTo.dialogue(key)}>{dialogue.data ? <LocalText text={dialogue.data.names[0]?.text} /> : key}</Link>
      </p>
      <p className="usa-intro">{t('lead')}</p>
      {charts.some((c) => c.chart.startsWith('reports-')) ? <p>{t('reportsNote')}</p> : null}
      {charts.map((c, n) => {
        const q = tables[n]!;
        return (
          <section
            key={c.chart}
            aria-labelledby={`chart-${c.chart}`}
            className="margin-top-5 border-top-1px border-base-lighter padding-top-2"
            data-chart={c.chart}
          >
            {q.isPending ? <Loading /> : null}
            {q.isError ? <ErrorState headingLevel={2} error={q.error} onRetry={() => void q.refetch()} /> : null}
            {q.data ? <Chart dialogueKey={key} table={q.data} /> : null}
          </section>
        );
      })}
    </>
  );
}

function Chart({ dialogueKey, table }: { dialogueKey: string; table: ChartTableT }) {
  const t = useAnalyticsT();
  const lang = useUiLanguage();
  const file = `${base(dialogueKey)}/${table.chart}`;
  const title = table.title[lang];
  return (
    <>
      <h2 id={`chart-${table.chart}`}>{title}</h2>
      <div className="grid-row grid-gap-lg">
        <div className="desktop:grid-col-7">
          <img
            className="width-full"
            src={`${file}.svg?lang=${lang}`}
            alt={t('chartAlt', { title })}
            width={720}
            height={400}
          />
        </div>
        <div className="desktop:grid-col-5">
          {table.rows.length === 0 ? (
            <p>{t('noRows')}</p>
          ) : (
            <div className="usa-table-container--scrollable">
              <table className="usa-table usa-table--borderless usa-table--compact width-full">
                <caption>{t('dataTable')}</caption>
                <thead>
                  <tr>
                    {table.columnLabels.map((l, i) => (
                      <th key={table.columns[i]} scope="col">
                        {l[lang]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, r) => (
                    <tr key={String(row[0])}>
                      <th scope="row">{table.rowLabels[r]![lang]}</th>
                      {row.slice(1).map((cell, i) => (
                        <td key={table.columns[i + 1]} className="text-right">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {table.note ? <p className="font-sans-2xs text-base-dark">{table.note[lang]}</p> : null}
          <ul className="usa-list usa-list--unstyled">
            <li>
              <a className="usa-link" href={`${file}.csv?lang=${lang}`} download>
                {t('downloadCsv')}
              </a>
            </li>
            <li>
              <a className="usa-link" href={`${file}.svg?lang=${lang}`} download>
                {t('downloadSvg')}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}
