/**
 * "Report a problem" (issue 4): a multi-step form for companies and
 * associations, signed in or not, in the reader's language. One draft holds
 * every field across the steps, so nothing is lost when a step is invalid or
 * the reader goes back; each step is checked with the server's own schema
 * (src/shared/reports.ts) before moving on, and the server's per-field
 * answers land on the fields they name. Files chosen on the impact step are
 * sent with the report as multipart/form-data; the server judges them by
 * their content and names a refused one (`/body/attachments/N`), shown by it.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES } from '../vocabulary.js';
import { REPORT_LIMITS, ReportInput } from '../../shared/reports.js';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_KINDS,
  DEFAULT_ATTACHMENT_LIMITS,
  formatBytes,
} from '../../shared/attachments.js';
import { FormField } from '../components/FormField.js';
import { ApiError, apiGet, type ListOf } from '../hooks/api.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useSend } from '../hooks/session.js';
import { countryName } from '../i18n/format.js';
import { toUiLanguage } from '../i18n/index.js';

type Tf = (key: string, options?: Record<string, unknown>) => string;

/** The form's draft: every input as typed (strings), turned into the API body at the end. */
export interface ReportDraft {
  addressedTo: string;
  organisationName: string;
  organisationKind: 'company' | 'association';
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  consentCounterpart: boolean;
  consentPublic: boolean;
  economy: string;
  region: string;
  sector: string;
  products: string[];
  category: string;
  description: string;
  tradeValue: string;
  currency: string;
  companiesAffected: string;
  since: string;
  stepsTaken: string;
}

const EMPTY: ReportDraft = {
  addressedTo: '',
  organisationName: '',
  organisationKind: 'company',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  consentCounterpart: false,
  consentPublic: false,
  economy: '',
  region: '',
  sector: '',
  products: [],
  category: '',
  description: '',
  tradeValue: '',
  currency: '',
  companiesAffected: '',
  since: '',
  stepsTaken: '',
};

type Field = keyof ReportDraft;
const STEPS: { key: 'who' | 'what' | 'impact' | 'summary'; fields: Field[] }[] = [
  {
    key: 'who',
    fields: [
      'addressedTo',
      'organisationName',
      'organisationKind',
      'contactName',
      'contactEmail',
      'contactPhone',
      'consentCounterpart',
      'consentPublic',
    ],
  },
  { key: 'what', fields: ['economy', 'region', 'sector', 'products', 'category', 'description'] },
  { key: 'impact', fields: ['tradeValue', 'currency', 'companiesAffected', 'since', 'stepsTaken'] },
  { key: 'summary', fields: [] },
];
/** The step with the files. */
const IMPACT = STEPS.findIndex((s) => s.key === 'impact');

/** Where each API body path lands in the draft. */
const FIELD_OF: Record<string, Field> = {
  addressedTo: 'addressedTo',
  'organisation.name': 'organisationName',
  'organisation.kind': 'organisationKind',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
  'contact.phone': 'contactPhone',
  economy: 'economy',
  region: 'region',
  sector: 'sector',
  products: 'products',
  category: 'category',
  description: 'description',
  'impact.tradeValue': 'tradeValue',
  'impact.currency': 'currency',
  'impact.companiesAffected': 'companiesAffected',
  'impact.since': 'since',
  stepsTaken: 'stepsTaken',
};

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** The API body for a draft, in the reader's language. */
export function toBody(d: ReportDraft, language: 'en' | 'zh'): Record<string, unknown> {
  const impact = {
    tradeValue: num(d.tradeValue),
    currency: opt(d.currency)?.toUpperCase(),
    companiesAffected: num(d.companiesAffected),
    since: opt(d.since),
  };
  const hasImpact = Object.values(impact).some((v) => v !== undefined);
  return JSON.parse(
    JSON.stringify({
      language,
      addressedTo: opt(d.addressedTo),
      organisation: { name: d.organisationName, kind: d.organisationKind },
      contact: { name: d.contactName, email: d.contactEmail.trim(), phone: opt(d.contactPhone) },
      consent: { shareWithCounterpart: d.consentCounterpart, shareWithPublic: d.consentPublic },
      economy: d.economy.trim().toUpperCase(),
      region: opt(d.region),
      sector: opt(d.sector),
      products: d.products.length > 0 ? d.products : undefined,
      category: opt(d.category),
      description: d.description,
      impact: hasImpact ? impact : undefined,
      stepsTaken: opt(d.stepsTaken),
    }),
  ) as Record<string, unknown>;
}

type Problem = { key: string; values?: Record<string, unknown> } | { server: string };

/**
 * What the form can tell of the chosen files before sending: the limits of
 * size and number (the server's are the word that counts, and it alone
 * judges the content). Problems by the file's place in the list.
 */
export function checkFiles(files: readonly File[], limits = DEFAULT_ATTACHMENT_LIMITS): Record<number, Problem> {
  const out: Record<number, Problem> = {};
  let total = 0;
  files.forEach((f, i) => {
    if (i >= limits.maxFiles) out[i] = { key: 'tooManyFiles', values: { count: limits.maxFiles } };
    else if (f.size > limits.maxFileBytes)
      out[i] = { key: 'fileTooLarge', values: { max: formatBytes(limits.maxFileBytes) } };
    else if ((total += f.size) > limits.maxTotalBytes)
      out[i] = { key: 'filesTooLarge', values: { max: formatBytes(limits.maxTotalBytes) } };
    else if (f.size === 0) out[i] = { key: 'fileEmpty' };
  });
  return out;
}

/** The reader-language message for a schema problem on a field. */
function problemFor(field: Field, code: string): Problem {
  if (field === 'contactEmail') return { key: 'email' };
  if (field === 'economy') return { key: 'economy' };
  if (field === 'currency') return { key: 'currency' };
  if (field === 'since') return { key: 'date' };
  if (field === 'tradeValue' || field === 'companiesAffected') return { key: 'number' };
  if (code === 'too_big') {
    const max =
      field === 'description'
        ? REPORT_LIMITS.description
        : field === 'stepsTaken'
          ? REPORT_LIMITS.stepsTaken
          : REPORT_LIMITS.name;
    return { key: 'tooLong', values: { max } };
  }
  if (code === 'custom') return { key: 'unicode' };
  return { key: 'required' };
}

/** The draft's problems, by field; only those of `fields` when given. */
export function validate(d: ReportDraft, fields?: readonly Field[]): Partial<Record<Field, Problem>> {
  const out: Partial<Record<Field, Problem>> = {};
  const result = ReportInput.safeParse(toBody(d, 'en'));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p) => typeof p === 'string').join('.');
      const field = FIELD_OF[path];
      if (!field || out[field]) continue;
      // A blank required text reads as "required", whatever the schema's wording.
      const value = d[field];
      const blank = typeof value === 'string' && value.trim() === '';
      out[field] = blank ? { key: 'required' } : problemFor(field, issue.code);
    }
  }
  if (d.addressedTo === '') out.addressedTo = { key: 'required' };
  if (!fields) return out;
  return Object.fromEntries(Object.entries(out).filter(([f]) => fields.includes(f as Field)));
}

interface Side {
  key: string;
  country: string;
  agency?: { en?: string; zh?: string };
}

export function ReportPage() {
  const { t: translate, i18n } = useTranslation();
  const t = ((key: string, options?: Record<string, unknown>) =>
    (translate as unknown as Tf)(`reports.${key}`, options)) as Tf;
  const tAny = translate as unknown as Tf;
  const lang = toUiLanguage(i18n.language);
  useDocumentTitle(t('title'));
  const id = useId();
  const sendApi = useSend();
  const sides = useQuery({
    queryKey: ['report-sides'],
    queryFn: async ({ signal }) => {
      const list = await apiGet<ListOf<{ sides: Side[] }>>('/api/v1/dialogues', signal);
      const seen = new Map<string, Side>();
      for (const d of list.items) for (const s of d.sides) seen.set(s.key, s);
      return [...seen.values()];
    },
  });
  const [draft, setDraft] = useState<ReportDraft>(EMPTY);
  const [step, setStep] = useState(0);
  const [problems, setProblems] = useState<Partial<Record<Field, Problem>>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<Record<number, Problem>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [receipt, setReceipt] = useState<{ reference: string; statusUrl: string } | undefined>();
  const [hsQuery, setHsQuery] = useState('');
  const [hsResults, setHsResults] = useState<{ code: string; description: string }[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  const sideList = sides.data ?? [];
  /** The government as people name it: its country, and the agency that receives reports when known. */
  const sideLabel = (s: Side) => {
    const agency = s.agency?.[lang] ?? s.agency?.en;
    const country = countryName(s.country, lang);
    if (!agency) return country;
    return lang === 'zh' ? `${country}（${agency}）` : `${country} (${agency})`;
  };
  const addresseeLabel = (key: string) => {
    const side = sideList.find((s) => s.key === key);
    return side ? sideLabel(side) : key;
  };
  // One side: it is the only choice, taken without asking.
  const effective =
    sideList.length === 1 && draft.addressedTo === '' ? { ...draft, addressedTo: sideList[0]!.key } : draft;

  const set = <K extends Field>(field: K, value: ReportDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const word = (p: Problem | undefined): string | undefined =>
    !p ? undefined : 'server' in p ? p.server : t(`errors.${p.key}`, p.values);
  const message = (field: Field): string | undefined => word(problems[field]);
  const chooseFiles = (chosen: FileList | null) => {
    const next = [...files, ...Array.from(chosen ?? [])];
    setFiles(next);
    setFileProblems(checkFiles(next));
  };
  const removeFile = (i: number) => {
    const next = files.filter((_, j) => j !== i);
    setFiles(next);
    setFileProblems(checkFiles(next));
  };
  const focusFirst = (found: Partial<Record<Field, Problem>>) => {
    const first = Object.keys(found)[0];
    if (first) window.setTimeout(() => document.getElementById(`${id}-${first}`)?.focus(), 0);
  };

  const next = (e: FormEvent) => {
    e.preventDefault();
    const found = validate(effective, STEPS[step]!.fields);
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirst(found);
    if (step === IMPACT && Object.keys(checkFiles(files)).length > 0) {
      window.setTimeout(() => document.getElementById(`${id}-attachments`)?.focus(), 0);
      return;
    }
    setStep((s) => s + 1);
    heading.current?.focus();
  };

  const submit = async () => {
    const found = validate(effective);
    if (Object.keys(found).length > 0) {
      setProblems(found);
      setStep(STEPS.findIndex((s) => s.fields.some((f) => f in found)));
      return focusFirst(found);
    }
    setSending(true);
    setFailure(undefined);
    setFileProblems({});
    const body = toBody(effective, lang);
    let form: FormData | undefined;
    if (files.length > 0) {
      form = new FormData();
      form.append('report', JSON.stringify(body));
      for (const f of files) form.append('attachments', f, f.name);
    }
    try {
      setReceipt(
        await sendApi<{ reference: string; statusUrl: string }>('POST', '/api/v1/reports', form ? { form } : { body }),
      );
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 413)) {
        const list =
          (error.details as { problems?: { pointer: string; message: string }[] } | undefined)?.problems ?? [];
        const found: Partial<Record<Field, Problem>> = {};
        const onFiles: Record<number, Problem> = {};
        for (const p of list) {
          const file = /^\/body\/attachments\/(\d+)$/.exec(p.pointer);
          if (file) {
            onFiles[Number(file[1])] = { server: p.message };
            continue;
          }
          const path = p.pointer
            .replace(/^\/body\//, '')
            .split('/')
            .filter((s) => !/^\d+$/.test(s))
            .join('.');
          const field = FIELD_OF[path];
          if (field && !found[field]) found[field] = { server: p.message };
        }
        if (Object.keys(found).length > 0) {
          setProblems(found);
          setFileProblems(onFiles);
          setStep(STEPS.findIndex((s) => s.fields.some((f) => f in found)));
          focusFirst(found);
        } else if (Object.keys(onFiles).length > 0) {
          setFileProblems(onFiles);
          setStep(IMPACT);
          window.setTimeout(() => document.getElementById(`${id}-attachments`)?.focus(), 0);
        } else setFailure(error.message);
      } else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  const searchHs = async () => {
    const q = hsQuery.trim();
    if (q === '') return;
    const found = await apiGet<ListOf<{ code: string; description: string }>>(
      `/api/v1/taxonomy/hs?q=${encodeURIComponent(q)}&limit=20`,
    ).catch(() => ({ items: [] }));
    setHsResults(found.items);
  };

  if (receipt) {
    return (
      <div className="usa-prose">
        <div className="usa-alert usa-alert--success" role="status">
          <div className="usa-alert__body">
            <h1 className="usa-alert__heading">{t('sent.title')}</h1>
            <p className="usa-alert__text">{t('sent.reference', { reference: receipt.reference })}</p>
          </div>
        </div>
        <p>{t('sent.keep')}</p>
        <p>
          <a
            className="usa-link"
            href={receipt.statusUrl.replace('/api/v1/reports/status/', '/reports/status/')}
            data-testid="status-link"
          >
            {t('sent.status')}
          </a>
        </p>
      </div>
    );
  }

  const current = STEPS[step]!;
  const text = (field: Field, label: string, options: { hint?: string; type?: string; long?: boolean } = {}) => (
    <FormField id={`${id}-${field}`} label={label} hint={options.hint} error={message(field)}>
      {(describedBy) =>
        options.long ? (
          <textarea
            className={`usa-textarea${problems[field] ? ' usa-input--error' : ''}`}
            id={`${id}-${field}`}
            value={draft[field] as string}
            aria-invalid={problems[field] ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => set(field, e.target.value)}
          />
        ) : (
          <input
            className={`usa-input${problems[field] ? ' usa-input--error' : ''}`}
            id={`${id}-${field}`}
            type={options.type ?? 'text'}
            value={draft[field] as string}
            aria-invalid={problems[field] ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => set(field, e.target.value)}
          />
        )
      }
    </FormField>
  );

  const summaryRows: [string, string][] = [
    [t('fields.addressedTo'), addresseeLabel(effective.addressedTo)],
    [t('fields.organisationName'), draft.organisationName],
    [t('fields.organisationKind'), t(`fields.${draft.organisationKind}`)],
    [t('fields.contactName'), draft.contactName],
    [t('fields.contactEmail'), draft.contactEmail],
    [t('fields.contactPhone'), draft.contactPhone],
    [t('fields.consentCounterpart'), draft.consentCounterpart ? t('yes') : t('no')],
    [t('fields.consentPublic'), draft.consentPublic ? t('yes') : t('no')],
    [t('fields.economy'), draft.economy.toUpperCase()],
    [t('fields.region'), draft.region],
    [t('fields.sector'), draft.sector],
    [t('fields.products'), draft.products.join(', ')],
    [t('fields.category'), draft.category ? tAny(`category.${draft.category}`) : ''],
    [t('fields.description'), draft.description],
    [t('fields.tradeValue'), [draft.tradeValue, draft.currency.toUpperCase()].filter(Boolean).join(' ')],
    [t('fields.companiesAffected'), draft.companiesAffected],
    [t('fields.since'), draft.since],
    [t('fields.stepsTaken'), draft.stepsTaken],
    [t('fields.attachments'), files.map((f) => `${f.name} (${formatBytes(f.size)})`).join('\n')],
  ];

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="usa-intro">{t('intro')}</p>
      <p className="text-base">{t('stepOf', { n: step + 1, total: STEPS.length })}</p>
      <h2>{t(`steps.${current.key}`)}</h2>
      {Object.keys(problems).length > 0 || Object.keys(fileProblems).length > 0 ? (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t('errorSummary')}</p>
          </div>
        </div>
      ) : null}
      {failure ? (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{failure}</p>
          </div>
        </div>
      ) : null}
      <form className="usa-form usa-form--large" noValidate onSubmit={next}>
        {current.key === 'who' ? (
          <>
            {sideList.length === 1 ? null : (
              <FormField id={`${id}-addressedTo`} label={t('fields.addressedTo')} error={message('addressedTo')}>
                {(describedBy) => (
                  <select
                    className="usa-select"
                    id={`${id}-addressedTo`}
                    value={draft.addressedTo}
                    aria-invalid={problems.addressedTo ? true : undefined}
                    aria-describedby={describedBy}
                    onChange={(e) => set('addressedTo', e.target.value)}
                  >
                    <option value="">{t('none')}</option>
                    {sideList.map((s) => (
                      <option key={s.key} value={s.key}>
                        {sideLabel(s)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            )}
            {text('organisationName', t('fields.organisationName'))}
            <fieldset className="usa-fieldset">
              <legend className="usa-legend">{t('fields.organisationKind')}</legend>
              {(['company', 'association'] as const).map((kind) => (
                <div className="usa-radio" key={kind}>
                  <input
                    className="usa-radio__input"
                    type="radio"
                    id={`${id}-kind-${kind}`}
                    name={`${id}-kind`}
                    checked={draft.organisationKind === kind}
                    onChange={() => set('organisationKind', kind)}
                  />
                  <label className="usa-radio__label" htmlFor={`${id}-kind-${kind}`}>
                    {t(`fields.${kind}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            {text('contactName', t('fields.contactName'))}
            {text('contactEmail', t('fields.contactEmail'), { type: 'email' })}
            {text('contactPhone', t('fields.contactPhone'), { type: 'tel' })}
            {(['consentCounterpart', 'consentPublic'] as const).map((field) => (
              <div className="usa-checkbox" key={field}>
                <input
                  className="usa-checkbox__input"
                  type="checkbox"
                  id={`${id}-${field}`}
                  checked={draft[field]}
                  onChange={(e) => set(field, e.target.checked)}
                />
                <label className="usa-checkbox__label" htmlFor={`${id}-${field}`}>
                  {t(`fields.${field}`)}
                </label>
              </div>
            ))}
          </>
        ) : null}
        {current.key === 'what' ? (
          <>
            {text('economy', t('fields.economy'), { hint: t('fields.economyHint') })}
            {text('region', t('fields.region'))}
            {text('sector', t('fields.sector'))}
            <FormField
              id={`${id}-hs`}
              label={t('fields.productsSearch')}
              hint={t('fields.productsHint')}
              error={message('products')}
            >
              {(describedBy) => (
                <div className="display-flex">
                  <input
                    className="usa-input"
                    id={`${id}-hs`}
                    type="search"
                    value={hsQuery}
                    aria-describedby={describedBy}
                    onChange={(e) => setHsQuery(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        void searchHs();
                      }
                    }}
                  />
                  <button type="button" className="usa-button usa-button--outline" onClick={() => void searchHs()}>
                    {t('fields.productsSearch')}
                  </button>
                </div>
              )}
            </FormField>
            {hsResults.length > 0 ? (
              <ul className="usa-list usa-list--unstyled" aria-label={t('fields.productsSearch')}>
                {hsResults.map((r) => (
                  <li key={r.code}>
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={draft.products.includes(r.code)}
                      onClick={() => set('products', [...draft.products, r.code])}
                    >
                      {t('fields.add')} {r.code}
                    </button>{' '}
                    {r.description}
                  </li>
                ))}
              </ul>
            ) : null}
            {draft.products.length > 0 ? (
              <p>
                {t('fields.products')}:{' '}
                {draft.products.map((code) => (
                  <button
                    key={code}
                    type="button"
                    className="usa-button usa-button--unstyled margin-right-1"
                    aria-label={t('fields.remove', { code })}
                    onClick={() =>
                      set(
                        'products',
                        draft.products.filter((c) => c !== code),
                      )
                    }
                  >
                    {code} ✕
                  </button>
                ))}
              </p>
            ) : null}
            <FormField id={`${id}-category`} label={t('fields.category')} error={message('category')}>
              {(describedBy) => (
                <select
                  className="usa-select"
                  id={`${id}-category`}
                  value={draft.category}
                  aria-describedby={describedBy}
                  onChange={(e) => set('category', e.target.value)}
                >
                  <option value="">{t('fields.categoryNone')}</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {tAny(`category.${c}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            {text('description', t('fields.description'), {
              long: true,
              hint: t('fields.descriptionHint', { max: REPORT_LIMITS.description }),
            })}
          </>
        ) : null}
        {current.key === 'impact' ? (
          <>
            {text('tradeValue', t('fields.tradeValue'), { type: 'number' })}
            {text('currency', t('fields.currency'))}
            {text('companiesAffected', t('fields.companiesAffected'), { type: 'number' })}
            {text('since', t('fields.since'), { type: 'date' })}
            {text('stepsTaken', t('fields.stepsTaken'), { long: true })}
            <FormField
              id={`${id}-attachments`}
              label={t('fields.attachments')}
              hint={t('fields.attachmentsHint', {
                types: ATTACHMENT_KINDS.map((k) => k.label).join(', '),
                count: DEFAULT_ATTACHMENT_LIMITS.maxFiles,
                size: formatBytes(DEFAULT_ATTACHMENT_LIMITS.maxFileBytes),
                total: formatBytes(DEFAULT_ATTACHMENT_LIMITS.maxTotalBytes),
              })}
              error={Object.keys(fileProblems).length > 0 ? t('errors.files') : undefined}
            >
              {(describedBy) => (
                <input
                  className="display-block margin-top-1"
                  id={`${id}-attachments`}
                  type="file"
                  multiple
                  accept={ATTACHMENT_ACCEPT}
                  aria-describedby={describedBy}
                  aria-invalid={Object.keys(fileProblems).length > 0 ? true : undefined}
                  onChange={(e) => {
                    chooseFiles(e.target.files);
                    e.target.value = '';
                  }}
                />
              )}
            </FormField>
            {files.length > 0 ? (
              <ul className="usa-list usa-list--unstyled" aria-label={t('fields.attachmentsChosen')}>
                {files.map((f, i) => (
                  <li key={`${i}-${f.name}`} className="margin-bottom-1">
                    <span className={fileProblems[i] ? 'text-secondary-dark text-bold' : undefined}>{f.name}</span> (
                    {formatBytes(f.size)}){' '}
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      aria-label={t('fields.removeFile', { name: f.name })}
                      onClick={() => removeFile(i)}
                    >
                      {t('fields.removeFileShort')}
                    </button>
                    {fileProblems[i] ? (
                      <span className="usa-error-message display-block" role="alert">
                        {word(fileProblems[i])}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
        {current.key === 'summary' ? (
          <dl className="report-summary">
            {summaryRows
              .filter(([, v]) => v !== '')
              .map(([label, value]) => (
                <div key={label}>
                  <dt className="text-bold">{label.replace(/ \*$/, '')}</dt>
                  <dd className="margin-left-0 margin-bottom-1" style={{ whiteSpace: 'pre-wrap' }}>
                    {value}
                  </dd>
                </div>
              ))}
          </dl>
        ) : null}
        <div className="margin-top-3">
          {step > 0 ? (
            <button
              type="button"
              className="usa-button usa-button--outline"
              onClick={() => {
                setProblems({});
                setStep((s) => s - 1);
              }}
            >
              {t('back')}
            </button>
          ) : null}
          {current.key === 'summary' ? (
            <button type="button" className="usa-button" disabled={sending} onClick={() => void submit()}>
              {sending ? t('sending') : t('send')}
            </button>
          ) : (
            <button type="submit" className="usa-button">
              {t('next')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
