/** The reporter's private status page: what became of the report, and the analysts' questions, in the reader's language. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ReportStatus } from '../../shared/reports.js';
import { ReporterQuestions } from '../components/ReportQuestions.js';
import { apiGet } from '../hooks/api.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { toUiLanguage } from '../i18n/index.js';

type Tf = (key: string, options?: Record<string, unknown>) => string;

export function ReportStatusPage() {
  const { t: translate, i18n } = useTranslation();
  const t = ((key: string, options?: Record<string, unknown>) =>
    (translate as unknown as Tf)(`reports.${key}`, options)) as Tf;
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: ['report-status', token],
    queryFn: ({ signal }) => apiGet<ReportStatus>(`/api/v1/reports/status/${encodeURIComponent(token)}`, signal),
  });
  const s = status.data;
  useDocumentTitle(s ? t('status.title', { reference: s.reference }) : t('title'));
  if (status.error) {
    return (
      <div className="usa-alert usa-alert--error" role="alert">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{status.error.message}</p>
        </div>
      </div>
    );
  }
  if (!s) return null;
  const lang = toUiLanguage(i18n.language);
  const issue = s.issue ? (s.issue.title[lang] ?? Object.values(s.issue.title)[0] ?? s.issue.key) : '';
  return (
    <div className="usa-prose">
      <h1>{t('status.title', { reference: s.reference })}</h1>
      <p data-testid="report-status">
        {t(`status.${s.status}`, {
          issue,
          meetings: s.meetings.join(', '),
          reason: s.rejection ? t(`reasons.${s.rejection.reason}`) : '',
        })}
      </p>
      <ReporterQuestions
        token={token}
        questions={s.questions ?? []}
        onAnswered={(questions) =>
          queryClient.setQueryData<ReportStatus>(['report-status', token], { ...s, questions })
        }
      />
    </div>
  );
}
