/**
 * The triage queue (issue 4): new reports addressed to the reader's side, each
 * with the similar reports and issues on file (scored, with what matched), and
 * the actions: merge into an issue, reject with a reason, ask the reporter a
 * question (components/ReportQuestions.tsx).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REJECT_REASONS, type Report, type SimilarItem } from '../../shared/reports.js';
import { ATTACHMENT_KINDS, formatBytes } from '../../shared/attachments.js';
import { ApiError, apiGet, type ListOf } from '../hooks/api.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { TriageQuestions } from '../components/ReportQuestions.js';
import { useMe, useSend } from '../hooks/session.js';

type Tf = (key: string, options?: Record<string, unknown>) => string;

function useT(): Tf {
  const { t } = useTranslation();
  return ((key: string, options?: Record<string, unknown>) => (t as unknown as Tf)(`reports.${key}`, options)) as Tf;
}

export function TriagePage() {
  const t = useT();
  useDocumentTitle(t('triage.title'));
  const me = useMe().data;
  const allowed = me ? ['lead', 'analyst'].includes(me.user.role) : false;
  const queue = useQuery({
    queryKey: ['reports', 'new'],
    queryFn: ({ signal }) => apiGet<ListOf<Report>>('/api/v1/reports?status=new', signal),
    enabled: allowed,
  });
  // Reports handled on this page stay, with what became of them, after they leave the queue of new reports:
  // otherwise the queue's refetch takes the card, and its confirmation, away the moment an action succeeds.
  const [handled, setHandled] = useState<Record<string, { report: Report; done: string }>>({});
  const fresh = queue.data?.items ?? [];
  const cards = [
    ...fresh,
    ...Object.values(handled)
      .map((h) => h.report)
      .filter((r) => !fresh.some((q) => q.reference === r.reference)),
  ].sort((x, y) => x.receivedAt.localeCompare(y.receivedAt) || x.reference.localeCompare(y.reference));
  return (
    <div>
      <h1>{t('triage.title')}</h1>
      {me !== undefined && !allowed ? <p>{t('triage.forbidden')}</p> : null}
      {queue.error ? (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{queue.error.message}</p>
          </div>
        </div>
      ) : null}
      {queue.data && queue.data.items.length === 0 ? <p>{t('triage.empty')}</p> : null}
      {cards.map((r) => (
        <ReportCard
          key={r.reference}
          report={r}
          done={handled[r.reference]?.done}
          onDone={(done) => setHandled((h) => ({ ...h, [r.reference]: { report: r, done } }))}
        />
      ))}
    </div>
  );
}

function ReportCard({
  report,
  done,
  onDone,
}: {
  report: Report;
  /** What became of the report on this page (merged, rejected), once it has been handled. */
  done: string | undefined;
  onDone: (done: string) => void;
}) {
  const t = useT();
  const { t: tr } = useTranslation();
  const id = useId();
  const send = useSend();
  const queryClient = useQueryClient();
  const [similar, setSimilar] = useState<SimilarItem[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [reason, setReason] = useState<(typeof REJECT_REASONS)[number]>('not-actionable');
  const [note, setNote] = useState('');

  const act = async (fn: () => Promise<string>) => {
    setError(undefined);
    try {
      onDone(await fn());
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    }
  };
  const merge = (item: SimilarItem) =>
    act(async () => {
      await send('POST', `/api/v1/issues/${encodeURIComponent(item.key!)}/reports`, {
        body: { reports: [report.reference], dialogue: item.dialogue },
      });
      return t('triage.merged', { issue: item.key });
    });
  const reject = () =>
    act(async () => {
      await send('POST', `/api/v1/reports/${report.reference}/reject`, {
        body: note.trim() ? { reason, note } : { reason },
      });
      return t('triage.rejected');
    });

  return (
    <section className="border-1px border-base-lighter padding-2 margin-bottom-2" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="margin-top-0">
        {report.reference}
      </h2>
      <p className="text-base">
        {t('triage.received', { date: report.receivedAt.slice(0, 10) })} ·{' '}
        {t('triage.from', {
          organisation: report.organisation.name,
          kind: t(`fields.${report.organisation.kind}`),
          economy: report.economy,
        })}
      </p>
      <p lang={report.language === 'zh' ? 'zh-Hans' : report.language} style={{ whiteSpace: 'pre-wrap' }}>
        {report.description}
      </p>
      {report.products.length > 0 ? <p>HS {report.products.join(', ')}</p> : null}
      {report.category ? <p>{(tr as unknown as Tf)(`category.${report.category}`)}</p> : null}
      {report.attachments.length > 0 ? (
        <>
          <h3 id={`${id}-files`}>{t('triage.attachments')}</h3>
          <ul className="usa-list" aria-labelledby={`${id}-files`}>
            {report.attachments.map((a) => (
              <li key={a.id}>
                {/* A download (the server says so too): the file is never opened in the page. */}
                <a
                  className="usa-link"
                  href={`/api/v1/reports/${encodeURIComponent(report.reference)}/attachments/${encodeURIComponent(a.id)}`}
                  download={a.name}
                  aria-label={t('triage.download', { name: a.name })}
                >
                  {a.name}
                </a>{' '}
                ({ATTACHMENT_KINDS.find((k) => k.mediaType === a.mediaType)?.label ?? a.mediaType},{' '}
                {formatBytes(a.size)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <TriageQuestions reference={report.reference} />
      {done ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{done}</p>
          </div>
        </div>
      ) : (
        <>
          {error ? (
            <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
              <div className="usa-alert__body">
                <p className="usa-alert__text">{error}</p>
              </div>
            </div>
          ) : null}
          {similar === undefined ? (
            <button
              type="button"
              className="usa-button usa-button--outline"
              onClick={() =>
                void apiGet<ListOf<SimilarItem>>(`/api/v1/reports/${report.reference}/similar`).then(
                  (r) => setSimilar(r.items),
                  (e: Error) => setError(e.message),
                )
              }
            >
              {t('triage.findSimilar')}
            </button>
          ) : (
            <>
              <h3>{t('triage.similar')}</h3>
              {similar.length === 0 ? <p>{t('triage.noSimilar')}</p> : null}
              <ul className="usa-list">
                {similar.map((item) => (
                  <li key={`${item.kind}-${item.dialogue ?? ''}-${item.key ?? item.reference ?? ''}`}>
                    <strong>{item.kind === 'issue' ? `${item.dialogue}/${item.key}` : item.reference}</strong> (
                    {t('triage.score', { score: item.score })}) — {t('triage.matched', { why: item.why.join('; ') })}
                    {item.kind === 'issue' ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="usa-button usa-button--unstyled"
                          onClick={() => void merge(item)}
                        >
                          {t('triage.merge')}
                        </button>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          <fieldset className="usa-fieldset margin-top-2">
            <legend className="usa-legend">{t('triage.reject')}</legend>
            <label className="usa-label" htmlFor={`${id}-reason`}>
              {t('triage.reason')}
            </label>
            <select
              className="usa-select"
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value as (typeof REJECT_REASONS)[number])}
            >
              {REJECT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reasons.${r}`)}
                </option>
              ))}
            </select>
            <label className="usa-label" htmlFor={`${id}-note`}>
              {t('triage.note')}
            </label>
            <input className="usa-input" id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
            <button
              type="button"
              className="usa-button usa-button--secondary margin-top-1"
              onClick={() => void reject()}
            >
              {t('triage.reject')}
            </button>
          </fieldset>
        </>
      )}
    </section>
  );
}
