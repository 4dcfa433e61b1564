import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueT, TextT } from '../../shared/api.js';
import { ApiError, apiGet, problemsOf, type IssueDetailT } from '../hooks/api.js';
import { queryKeys } from '../hooks/queries.js';
import { useSend } from '../hooks/session.js';
import { htmlLang } from '../i18n/index.js';
import { CATEGORIES, ISSUE_STATUSES, VISIBILITIES } from '../vocabulary.js';
import { FormField, type Message } from './FormField.js';
import { ActionError } from './QueryState.js';

/** What the form edits, as the inputs hold it. */
interface Values {
  status: IssueT['status'];
  visibility: IssueT['visibility'];
  category: IssueT['category'];
  titleEn: string;
  titleZh: string;
  summaryEn: string;
  summaryZh: string;
}
type FieldName = keyof Values;
/** Where an error is shown: one input, or the title or summary as a whole. */
type ErrorKey = FieldName | 'title' | 'summary';
type Errors = Partial<Record<ErrorKey, Message>>;

/** The body of PATCH /dialogues/:key/issues/:issueKey: only what changed (absent = unchanged). */
type IssuePatch = Partial<Pick<IssueT, 'status' | 'visibility' | 'category' | 'title' | 'summary'>>;

const FIELDS: readonly FieldName[] = [
  'status',
  'visibility',
  'category',
  'titleEn',
  'titleZh',
  'summaryEn',
  'summaryZh',
];
const fieldId = (field: ErrorKey) => `issue-edit-${field}`;

function valuesOf(issue: IssueT): Values {
  return {
    status: issue.status,
    visibility: issue.visibility,
    category: issue.category,
    titleEn: issue.title.en ?? '',
    titleZh: issue.title.zh ?? '',
    summaryEn: issue.summary?.en ?? '',
    summaryZh: issue.summary?.zh ?? '',
  };
}

/** A localized text with English and Chinese as typed; other languages of the record are kept as they were. */
function textOf(original: TextT | undefined, en: string, zh: string): TextT {
  const text: TextT = { ...original };
  for (const [lang, value] of [
    ['en', en],
    ['zh', zh],
  ] as const) {
    if (value.trim()) text[lang] = value.trim();
    else delete text[lang];
  }
  return text;
}

function sameText(a: TextT | undefined, b: TextT | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => x[k] === y[k]);
}

function patchOf(base: IssueT, values: Values): IssuePatch {
  const patch: IssuePatch = {};
  if (values.status !== base.status) patch.status = values.status;
  if (values.visibility !== base.visibility) patch.visibility = values.visibility;
  if (values.category !== base.category) patch.category = values.category;
  const title = textOf(base.title, values.titleEn, values.titleZh);
  if (!sameText(title, base.title)) patch.title = title;
  const summary = textOf(base.summary, values.summaryEn, values.summaryZh);
  if (!sameText(summary, base.summary)) patch.summary = summary;
  return patch;
}

/** The inputs the user changed from the version they started from. */
function changedFields(base: IssueT, values: Values): FieldName[] {
  const start = valuesOf(base);
  return FIELDS.filter((f) => start[f].trim() !== values[f].trim());
}

/** The field of the form that a server problem's JSON Pointer names (/body/title/en → titleEn). */
function errorKeyOf(pointer: string): ErrorKey | undefined {
  const [, where, field, lang] = pointer.split('/');
  if (where !== 'body') return undefined;
  if (field === 'status' || field === 'visibility' || field === 'category') return field;
  if (field === 'title' || field === 'summary') {
    if (lang === 'en') return `${field}En`;
    if (lang === 'zh') return `${field}Zh`;
    return field;
  }
  return undefined;
}

function isIssue(value: unknown): value is IssueT {
  return typeof value === 'object' && value !== null && typeof (value as IssueT).version === 'number';
}

/**
 * The edit form of an issue, for the side that owns it. It sends only the
 * fields that changed, with the version it started from in If-Match: when
 * somebody else saved in between, the server refuses (412) and the form shows
 * what the issue says now, beside what the user typed, and lets them apply
 * their changes to the current version or drop them.
 */
export function IssueEditor({
  dialogueKey,
  issue,
  onCancel,
  onSaved,
}: {
  dialogueKey: string;
  issue: IssueT;
  onCancel: () => void;
  onSaved: (saved: IssueT) => void;
}) {
  const { t } = useTranslation();
  const send = useSend();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<IssueT>(issue);
  const [values, setValues] = useState<Values>(() => valuesOf(issue));
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState<IssueT | null>(null);
  const [notice, setNotice] = useState<'no-changes' | 'reapplied' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const alerts = useRef<HTMLDivElement>(null);
  const path = `/api/v1/dialogues/${encodeURIComponent(dialogueKey)}/issues/${encodeURIComponent(issue.key)}`;

  useEffect(() => {
    heading.current?.focus();
  }, []);

  /** What the page shows behind the form follows the server, whatever the form does. */
  function remember(current: IssueT) {
    queryClient.setQueryData<IssueDetailT>(queryKeys.issue(dialogueKey, issue.key), (old) =>
      old ? { ...old, ...current } : old,
    );
  }

  const save = useMutation({
    mutationFn: ({ patch, version }: { patch: IssuePatch; version: number }) =>
      send<IssueT>('PATCH', path, { body: patch, ifMatch: version }),
    onSuccess: async (saved) => {
      remember(saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['dialogue', dialogueKey] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.dialogues }),
        queryClient.invalidateQueries({ queryKey: queryKeys.history('issues', saved.id) }),
      ]);
      onSaved(saved);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 412) {
        const details = error.details as { current?: unknown } | undefined;
        const current = isIssue(details?.current) ? details.current : await apiGet<IssueT>(path).catch(() => undefined);
        if (current) {
          remember(current);
          setConflict(current);
        }
        alerts.current?.focus();
        return;
      }
      const found: Errors = {};
      for (const problem of problemsOf(error)) {
        const key = errorKeyOf(problem.pointer);
        if (key) found[key] ??= () => problem.message;
      }
      setErrors(found);
      focusFirstError(found);
      if (Object.keys(found).length === 0) alerts.current?.focus();
    },
  });

  function focusFirstError(found: Errors) {
    const first = (
      ['status', 'visibility', 'category', 'title', 'titleEn', 'titleZh', 'summary', 'summaryEn', 'summaryZh'] as const
    ).find((k) => found[k]);
    if (!first) return;
    const target = first === 'title' ? 'titleEn' : first === 'summary' ? 'summaryEn' : first;
    document.getElementById(fieldId(target))?.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    setConflict(null);
    const found: Errors = {};
    if (!values.titleEn.trim() && !values.titleZh.trim()) found.title = (t) => t('edit.errors.titleRequired');
    if (base.summary && !values.summaryEn.trim() && !values.summaryZh.trim())
      found.summary = (t) => t('edit.errors.summaryRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstError(found);
    const patch = patchOf(base, values);
    if (Object.keys(patch).length === 0) {
      setNotice('no-changes');
      return;
    }
    save.mutate({ patch, version: base.version });
  }

  /** Keep what the user changed, on top of the version that is current now. */
  function reapply(current: IssueT) {
    const mine = changedFields(base, values);
    const next = valuesOf(current);
    for (const field of mine) (next as unknown as Record<FieldName, string>)[field] = values[field];
    setBase(current);
    setValues(next);
    setConflict(null);
    save.reset();
    setNotice('reapplied');
  }

  function reload(current: IssueT) {
    setBase(current);
    setValues(valuesOf(current));
    setConflict(null);
    save.reset();
    setErrors({});
    setNotice(null);
  }

  const set = (field: FieldName) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const genericError =
    save.error && !(save.error instanceof ApiError && save.error.status === 412) && Object.keys(errors).length === 0;

  return (
    <form className="parley-panel parley-edit" noValidate onSubmit={submit} aria-labelledby="edit-heading">
      <h2 id="edit-heading" ref={heading} tabIndex={-1} className="margin-top-0 font-heading-lg">
        {t('edit.title')}
      </h2>
      <p className="margin-top-0 text-base-dark font-sans-2xs">{t('edit.version', { version: base.version })}</p>
      <div ref={alerts} tabIndex={-1} className="parley-edit__alerts">
        {conflict ? (
          <Conflict
            base={base}
            values={values}
            current={conflict}
            onReapply={() => reapply(conflict)}
            onReload={() => reload(conflict)}
          />
        ) : null}
        {Object.keys(errors).length > 0 ? <ErrorSummary errors={errors} /> : null}
        {genericError ? <ActionError title={t('edit.failed')} error={save.error} /> : null}
        {notice ? (
          <div className="usa-alert usa-alert--info usa-alert--slim margin-y-2" role="status">
            <div className="usa-alert__body">
              <p className="usa-alert__text">
                {notice === 'no-changes' ? t('edit.noChanges') : t('edit.reapplied', { version: base.version })}
              </p>
            </div>
          </div>
        ) : null}
      </div>

      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-4">
          <SelectField
            field="status"
            label={t('issue.status')}
            value={values.status}
            error={errors.status?.(t)}
            options={ISSUE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            onChange={set('status')}
          />
        </div>
        <div className="tablet:grid-col-4">
          <SelectField
            field="visibility"
            label={t('issue.visibility')}
            after={t(`visibilityHint.${values.visibility}`)}
            value={values.visibility}
            error={errors.visibility?.(t)}
            options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
            onChange={set('visibility')}
          />
        </div>
        <div className="tablet:grid-col-4">
          <SelectField
            field="category"
            label={t('issue.category')}
            value={values.category}
            error={errors.category?.(t)}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            onChange={set('category')}
          />
        </div>
      </div>

      <TextPair
        group="title"
        legend={t('edit.titleLegend')}
        error={errors.title?.(t)}
        en={{ value: values.titleEn, error: errors.titleEn?.(t), onChange: set('titleEn') }}
        zh={{ value: values.titleZh, error: errors.titleZh?.(t), onChange: set('titleZh') }}
      />
      <TextPair
        group="summary"
        legend={t('edit.summaryLegend')}
        error={errors.summary?.(t)}
        multiline
        en={{ value: values.summaryEn, error: errors.summaryEn?.(t), onChange: set('summaryEn') }}
        zh={{ value: values.summaryZh, error: errors.summaryZh?.(t), onChange: set('summaryZh') }}
      />

      <div className="margin-top-3">
        <button type="submit" className="usa-button" disabled={save.isPending}>
          {save.isPending ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" className="usa-button usa-button--outline" onClick={onCancel} disabled={save.isPending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function SelectField({
  field,
  label,
  after,
  value,
  error,
  options,
  onChange,
}: {
  field: FieldName;
  label: string;
  /** A note under the select, about the value chosen. */
  after?: string;
  value: string;
  error: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <FormField id={fieldId(field)} label={label} error={error}>
      {(describedBy) => (
        <>
          <select
            id={fieldId(field)}
            name={field}
            className={`usa-select${error ? ' usa-input--error' : ''}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={
              [describedBy, after ? `${fieldId(field)}-after` : ''].filter(Boolean).join(' ') || undefined
            }
            value={value}
            onChange={(e) => onChange(e.target.value)}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {after ? (
            <p className="usa-hint margin-top-05 margin-bottom-0" id={`${fieldId(field)}-after`}>
              {after}
            </p>
          ) : null}
        </>
      )}
    </FormField>
  );
}

interface TextInput {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** A localized text: its English and Chinese inputs under one legend, each marked with its language. */
function TextPair({
  group,
  legend,
  error,
  multiline = false,
  en,
  zh,
}: {
  group: 'title' | 'summary';
  legend: string;
  error: string | undefined;
  multiline?: boolean;
  en: TextInput;
  zh: TextInput;
}) {
  const { t } = useTranslation();
  const groupErrorId = `${fieldId(group)}-error`;
  return (
    <fieldset className={`usa-fieldset margin-top-3${error ? ' usa-form-group--error' : ''}`}>
      <legend className="usa-legend text-bold">{legend}</legend>
      {error ? (
        <span className="usa-error-message" id={groupErrorId}>
          {error}
        </span>
      ) : null}
      <div className="grid-row grid-gap">
        {(['en', 'zh'] as const).map((lang) => {
          const input = lang === 'en' ? en : zh;
          const field = `${group}${lang === 'en' ? 'En' : 'Zh'}` as FieldName;
          return (
            <div className="tablet:grid-col-6" key={lang}>
              <FormField id={fieldId(field)} label={t(`edit.language.${lang}`)} error={input.error}>
                {(describedBy) => {
                  const props = {
                    id: fieldId(field),
                    name: field,
                    lang: htmlLang(lang),
                    className: `${multiline ? 'usa-textarea' : 'usa-input'}${input.error || error ? ' usa-input--error' : ''}`,
                    'aria-invalid': input.error || error ? true : undefined,
                    'aria-describedby': [describedBy, error ? groupErrorId : ''].filter(Boolean).join(' ') || undefined,
                    value: input.value,
                  };
                  return multiline ? (
                    <textarea {...props} rows={5} onChange={(e) => input.onChange(e.target.value)} />
                  ) : (
                    <input {...props} onChange={(e) => input.onChange(e.target.value)} />
                  );
                }}
              </FormField>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The errors of the form at its top, each a link to its field (the USWDS error summary). */
function ErrorSummary({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  const labels: Record<ErrorKey, string> = {
    status: t('issue.status'),
    visibility: t('issue.visibility'),
    category: t('issue.category'),
    title: t('edit.titleLegend'),
    titleEn: `${t('edit.titleLegend')} (${t('edit.language.en')})`,
    titleZh: `${t('edit.titleLegend')} (${t('edit.language.zh')})`,
    summary: t('edit.summaryLegend'),
    summaryEn: `${t('edit.summaryLegend')} (${t('edit.language.en')})`,
    summaryZh: `${t('edit.summaryLegend')} (${t('edit.language.zh')})`,
  };
  const entries = Object.entries(errors) as [ErrorKey, Message][];
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text text-bold">{t('edit.errorsTitle')}</p>
        <ul className="usa-list margin-top-1">
          {entries.map(([key, message]) => {
            const target = key === 'title' ? 'titleEn' : key === 'summary' ? 'summaryEn' : key;
            return (
              <li key={key}>
                <a
                  className="usa-link"
                  href={`#${fieldId(target)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(fieldId(target))?.focus();
                  }}
                >
                  {labels[key]}
                </a>
                {t('common.labelSeparator')}
                {message(t)}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

/**
 * 412: somebody saved first. Nothing was written; show what the issue says
 * now next to what the user typed, for the fields they changed, and let them
 * choose.
 */
function Conflict({
  base,
  values,
  current,
  onReapply,
  onReload,
}: {
  base: IssueT;
  values: Values;
  current: IssueT;
  onReapply: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const now = valuesOf(current);
  const mine = changedFields(base, values);
  // Also what the other person changed that the user did not touch: it will stay as they left it.
  const theirs = FIELDS.filter((f) => !mine.includes(f) && valuesOf(base)[f] !== now[f]);
  const label = (field: FieldName): string =>
    ({
      status: t('issue.status'),
      visibility: t('issue.visibility'),
      category: t('issue.category'),
      titleEn: `${t('edit.titleLegend')} (${t('edit.language.en')})`,
      titleZh: `${t('edit.titleLegend')} (${t('edit.language.zh')})`,
      summaryEn: `${t('edit.summaryLegend')} (${t('edit.language.en')})`,
      summaryZh: `${t('edit.summaryLegend')} (${t('edit.language.zh')})`,
    })[field];
  const show = (field: FieldName, v: Values) => {
    const value = v[field];
    if (field === 'status') return t(`status.${v.status}`);
    if (field === 'visibility') return t(`visibility.${v.visibility}`);
    if (field === 'category') return t(`category.${v.category}`);
    return value.trim() ? value : t('history.noValue');
  };
  const rows = [...mine, ...theirs];
  return (
    <div className="usa-alert usa-alert--warning margin-y-2" role="alert">
      <div className="usa-alert__body">
        <h3 className="usa-alert__heading">{t('edit.conflictTitle')}</h3>
        <p className="usa-alert__text">{t('edit.conflictBody', { version: current.version })}</p>
        {rows.length > 0 ? (
          <div className="usa-table-container--scrollable">
            <table className="usa-table usa-table--borderless usa-table--compact width-full parley-conflict">
              <caption className="usa-sr-only">{t('edit.conflictCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('edit.field')}</th>
                  <th scope="col">{t('edit.now')}</th>
                  <th scope="col">{t('edit.yours')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((field) => (
                  <tr key={field}>
                    <th scope="row">{label(field)}</th>
                    <td>{show(field, now)}</td>
                    <td>{mine.includes(field) ? show(field, values) : t('edit.unchangedByYou')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="margin-top-2">
          <button type="button" className="usa-button" onClick={onReapply}>
            {t('edit.reapply')}
          </button>
          <button type="button" className="usa-button usa-button--outline" onClick={onReload}>
            {t('edit.reload')}
          </button>
        </div>
      </div>
    </div>
  );
}
