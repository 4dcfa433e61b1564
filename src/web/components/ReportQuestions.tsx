/**
 * Questions to a reporter (issue 4). On the triage page, the analysts of the
 * side a report is addressed to ask a question (sent by e-mail) and read the
 * answers; on the reporter's status page, the reporter answers each open
 * question, through the private link, in the reader's language.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTION_LIMITS, type ReportQuestion, type ReporterQuestion } from '../../shared/reports.js';
import { ApiError, apiGet, problemsOf, type ListOf } from '../hooks/api.js';
import { useSend } from '../hooks/session.js';
import { formatDateTime } from '../i18n/format.js';
import { toUiLanguage } from '../i18n/index.js';
import { FieldLabel } from './FieldRow.js';

type Tf = (key: string, options?: Record<string, unknown>) => string;

function useT(): { t: Tf; lang: ReturnType<typeof toUiLanguage> } {
  const { t, i18n } = useTranslation();
  return {
    t: ((key: string, options?: Record<string, unknown>) =>
      (t as unknown as Tf)(`reports.questions.${key}`, options)) as Tf,
    lang: toUiLanguage(i18n.language),
  };
}

/** What is wrong with a text before it is sent: empty, or too long. */
function check(text: string, max: number, t: Tf, required: string): string | undefined {
  if (text.trim() === '') return t(required);
  if (text.length > max) return t('tooLong', { max });
  return undefined;
}

/** The server's word on the field, or its message. */
function serverError(e: unknown, field: string): string {
  const p = problemsOf(e).find((x) => x.pointer === `/body/${field}`);
  return p ? p.message : e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

function Alert({ kind, children }: { kind: 'error' | 'success'; children: string }) {
  return (
    <div className={`usa-alert usa-alert--${kind} usa-alert--slim`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="usa-alert__body">
        <p className="usa-alert__text">{children}</p>
      </div>
    </div>
  );
}

/**
 * A text box in a USWDS form group: its label, then the hint and the error when
 * there are. `id` is the form's own id: the hint is `${id}-hint`, the error
 * `${id}-error`. `describedBy` names what says what to write (the hint, or the
 * question being answered); the error follows it.
 */
function TextBox({
  id,
  controlId,
  label,
  hint,
  describedBy,
  rows,
  value,
  error,
  onChange,
}: {
  id: string;
  controlId: string;
  label: string;
  hint?: string;
  describedBy: string;
  rows: number;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <FieldLabel
        htmlFor={controlId}
        label={label}
        hint={hint}
        hintId={`${id}-hint`}
        error={error}
        errorId={`${id}-error`}
      />
      <textarea
        className={`usa-textarea${error ? ' usa-input--error' : ''}`}
        id={controlId}
        rows={rows}
        value={value}
        aria-describedby={`${describedBy}${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** On a triage card: the questions asked about the report, their answers, and a form to ask another. */
export function TriageQuestions({ reference }: { reference: string }) {
  const { t, lang } = useT();
  const id = useId();
  const send = useSend();
  const queryClient = useQueryClient();
  const key = ['report-questions', reference];
  const questions = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet<ListOf<ReportQuestion>>(`/api/v1/reports/${encodeURIComponent(reference)}/questions`, signal),
  });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const ask = async () => {
    setSent(false);
    const problem = check(text, QUESTION_LIMITS.question, t, 'questionRequired');
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await send('POST', `/api/v1/reports/${encodeURIComponent(reference)}/questions`, { body: { question: text } });
      setText('');
      setSent(true);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (e) {
      setError(serverError(e, 'question'));
    } finally {
      setBusy(false);
    }
  };

  const items = questions.data?.items ?? [];
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('title')}</h3>
      {questions.error ? <Alert kind="error">{questions.error.message}</Alert> : null}
      {questions.data && items.length === 0 ? <p>{t('none')}</p> : null}
      {items.length > 0 ? (
        <ul className="usa-list usa-list--unstyled">
          {items.map((q) => (
            <li key={q.id} className="margin-bottom-1" data-testid="triage-question">
              <p className="margin-y-0" style={{ whiteSpace: 'pre-wrap' }}>
                {q.question}
              </p>
              <p className="margin-y-0 text-base font-body-3xs">
                {t('asked', { date: formatDateTime(q.askedAt, lang), who: q.askedBy })}
              </p>
              {q.answer !== undefined ? (
                <blockquote className="margin-y-05 margin-left-2 border-left-05 border-base-lighter padding-left-1">
                  <p className="margin-y-0" style={{ whiteSpace: 'pre-wrap' }}>
                    {q.answer}
                  </p>
                  <p className="margin-y-0 text-base font-body-3xs">
                    {t('answered', { date: formatDateTime(q.answeredAt!, lang) })}
                  </p>
                </blockquote>
              ) : (
                <p className="margin-y-0 text-italic">{t('waiting')}</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {sent ? <Alert kind="success">{t('sent')}</Alert> : null}
      <TextBox
        id={id}
        controlId={`${id}-q`}
        label={t('ask')}
        hint={t('askHint')}
        describedBy={`${id}-hint`}
        rows={3}
        value={text}
        error={error}
        onChange={setText}
      />
      <button
        type="button"
        className="usa-button usa-button--outline margin-top-1"
        disabled={busy}
        onClick={() => void ask()}
      >
        {t('send')}
      </button>
    </section>
  );
}

/** On the reporter's status page: the analysts' questions, each open one with a box for the answer. */
export function ReporterQuestions({
  token,
  questions,
  onAnswered,
}: {
  token: string;
  questions: ReporterQuestion[];
  /** The questions as the server has them after an answer. */
  onAnswered: (questions: ReporterQuestion[]) => void;
}) {
  const { t } = useT();
  const id = useId();
  if (questions.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('statusTitle')}</h2>
      <p>{t('statusIntro')}</p>
      {questions.map((q) => (
        <ReporterQuestionItem key={q.id} token={token} question={q} onAnswered={onAnswered} />
      ))}
    </section>
  );
}

function ReporterQuestionItem({
  token,
  question,
  onAnswered,
}: {
  token: string;
  question: ReporterQuestion;
  onAnswered: (questions: ReporterQuestion[]) => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const send = useSend();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [thanked, setThanked] = useState(false);

  const answer = async () => {
    const problem = check(text, QUESTION_LIMITS.answer, t, 'required');
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const r = await send<ListOf<ReporterQuestion>>(
        'POST',
        `/api/v1/reports/status/${encodeURIComponent(token)}/answers`,
        { body: { question: question.id, answer: text } },
      );
      setThanked(true);
      onAnswered(r.items);
    } catch (e) {
      setError(serverError(e, 'answer'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="border-1px border-base-lighter padding-2 margin-bottom-2" data-testid="reporter-question">
      <p className="margin-top-0 text-base font-body-3xs">
        {t('askedOn', { date: formatDateTime(question.askedAt, lang) })}
      </p>
      <p id={`${id}-question`} style={{ whiteSpace: 'pre-wrap' }}>
        {question.question}
      </p>
      {question.answer !== undefined ? (
        <>
          {thanked ? <Alert kind="success">{t('thanks')}</Alert> : null}
          <p className="margin-bottom-0 text-base">
            {t('answeredOn', { date: formatDateTime(question.answeredAt!, lang) })}
          </p>
          <blockquote className="margin-y-05 margin-left-2 border-left-05 border-base-lighter padding-left-1">
            <p className="margin-y-0" style={{ whiteSpace: 'pre-wrap' }}>
              {question.answer}
            </p>
          </blockquote>
        </>
      ) : (
        <>
          <TextBox
            id={id}
            controlId={`${id}-a`}
            label={t('yourAnswer')}
            describedBy={`${id}-question`}
            rows={4}
            value={text}
            error={error}
            onChange={setText}
          />
          <button type="button" className="usa-button margin-top-1" disabled={busy} onClick={() => void answer()}>
            {t('sendAnswer')}
          </button>
        </>
      )}
    </div>
  );
}
