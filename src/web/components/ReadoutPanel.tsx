/**
 * The Readout section of the meeting page: a preview of one side's readout
 * (the HTML format, in a sandboxed frame: it is a standalone page with its own
 * styles, kept apart from the app's) and download links for every account,
 * language and format. The server writes the readouts; this only asks for them.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialogueT } from '../../shared/api.js';
import {
  JOINT_SIDE,
  READOUT_FORMATS,
  READOUT_LANGUAGES,
  readoutFileName,
  readoutPath,
  type ReadoutFormat,
  type ReadoutLanguage,
} from '../../shared/readout.js';
import { ApiError, NETWORK_ERROR } from '../hooks/api.js';
import { useUiLanguage } from '../hooks/language.js';
import { sideName } from './sides.js';
import { ErrorState, Loading } from './QueryState.js';
import { ReadoutWorkflow } from './ReadoutWorkflow.js';

/**
 * The readout catalogue's keys. The strings live in i18n/readout.{en,zh}.json
 * until they are merged into en.json / zh.json under "readout"; this typed
 * view of `t` keeps a misspelt key a compile error meanwhile.
 */
type ReadoutKey = `readout.${keyof (typeof import('../i18n/en.json'))['readout']}`;

const FORMAT_KEYS: Record<ReadoutFormat, ReadoutKey> = {
  md: 'readout.formatMd',
  html: 'readout.formatHtml',
  docx: 'readout.formatDocx',
  pdf: 'readout.formatPdf',
};
const LANGUAGE_KEYS: Record<ReadoutLanguage, ReadoutKey> = { en: 'readout.langEn', zh: 'readout.langZh' };

/** GETs a readout as text; an error answer becomes an ApiError with the server's message. */
async function fetchReadout(path: string, signal: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'text/html' }, signal });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (response.ok) return response.text();
  const body: unknown = await response.json().catch(() => undefined);
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body.error as { code?: unknown; message?: unknown })
      : undefined;
  throw new ApiError(
    response.status,
    typeof error?.code === 'string' ? error.code : `http-${response.status}`,
    typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText}`.trim(),
  );
}

export interface ReadoutPanelProps {
  dialogueKey: string;
  meetingNumber: number;
  sides: DialogueT['sides'];
  /** The sides with an account of the meeting (null for the joint statement), e.g. `meeting.accounts.map(a => a.side)`. */
  accountSides: (string | null)[];
}

export function ReadoutPanel({ dialogueKey, meetingNumber, sides, accountSides }: ReadoutPanelProps) {
  const { t } = useTranslation();
  const uiLang = useUiLanguage();
  const id = useId();
  const choices = accountSides.map((s) => s ?? JOINT_SIDE);
  const [picked, setSide] = useState<string | undefined>(undefined);
  const [pickedLang, setLang] = useState<ReadoutLanguage | undefined>(undefined);
  const side = picked !== undefined && choices.includes(picked) ? picked : choices[0];
  const lang = pickedLang ?? uiLang;
  const label = (s: string) => (s === JOINT_SIDE ? t('readout.joint') : sideName(sides, s, uiLang));
  const previewPath =
    side === undefined ? undefined : readoutPath(dialogueKey, meetingNumber, { side, lang, format: 'html' });

  const preview = useQuery({
    queryKey: ['dialogue', dialogueKey, 'meeting', meetingNumber, 'readout', side, lang],
    queryFn: ({ signal }) => fetchReadout(previewPath!, signal),
    enabled: previewPath !== undefined,
  });

  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5 parley-readout">
      <h2 id={`${id}-heading`}>{t('readout.title')}</h2>
      <p className="margin-top-0 measure-5">{t('readout.lead')}</p>
      {side === undefined ? (
        <p>{t('readout.noAccount')}</p>
      ) : (
        <>
          <div className="grid-row grid-gap-lg">
            <fieldset className="usa-fieldset tablet:grid-col-6">
              <legend className="usa-legend">{t('readout.side')}</legend>
              {choices.map((s) => (
                <div className="usa-radio" key={s}>
                  <input
                    className="usa-radio__input"
                    id={`${id}-side-${s}`}
                    type="radio"
                    name={`${id}-side`}
                    value={s}
                    checked={s === side}
                    onChange={() => setSide(s)}
                  />
                  <label className="usa-radio__label" htmlFor={`${id}-side-${s}`}>
                    {label(s)}
                  </label>
                </div>
              ))}
            </fieldset>
            <fieldset className="usa-fieldset tablet:grid-col-6">
              <legend className="usa-legend">{t('readout.language')}</legend>
              {READOUT_LANGUAGES.map((l) => (
                <div className="usa-radio" key={l}>
                  <input
                    className="usa-radio__input"
                    id={`${id}-lang-${l}`}
                    type="radio"
                    name={`${id}-lang`}
                    value={l}
                    checked={l === lang}
                    onChange={() => setLang(l)}
                  />
                  <label className="usa-radio__label" htmlFor={`${id}-lang-${l}`} lang={l === 'zh' ? 'zh-Hans' : 'en'}>
                    {t(LANGUAGE_KEYS[l])}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>

          <h3>{t('readout.preview')}</h3>
          {/* The preview's place is kept while it loads: nothing below it moves when it arrives (a click aimed at
              the workflow's buttons would otherwise land on whatever slid under the pointer). */}
          <div style={{ height: '36rem' }}>
            {preview.isPending ? <Loading label={t('readout.loading')} /> : null}
            {preview.error ? (
              <ErrorState error={preview.error} headingLevel={3} onRetry={() => void preview.refetch()} />
            ) : null}
            {preview.data !== undefined ? (
              <iframe
                className="parley-readout__preview"
                title={t('readout.previewFrame', { side: label(side), language: t(LANGUAGE_KEYS[lang]) })}
                // No permission at all: the page has no script, and a record's text must never run as one.
                sandbox=""
                srcDoc={preview.data}
                style={{ width: '100%', height: '100%', border: '1px solid #dfe1e2' }}
              />
            ) : null}
          </div>
          <p>
            <a className="usa-link" href={previewPath} target="_blank" rel="noopener noreferrer">
              {t('readout.openPage')}
            </a>
          </p>

          <ReadoutWorkflow
            dialogueKey={dialogueKey}
            meetingNumber={meetingNumber}
            side={side}
            lang={lang}
            sideLabel={label(side)}
            languageLabel={t(LANGUAGE_KEYS[lang])}
          />

          <h3>{t('readout.downloads')}</h3>
          <table className="usa-table usa-table--borderless usa-table--compact">
            <caption>{t('readout.downloadsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('readout.side')}</th>
                <th scope="col">{t('readout.language')}</th>
                {READOUT_FORMATS.map((f) => (
                  <th scope="col" key={f}>
                    {t(FORMAT_KEYS[f])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {choices.flatMap((s) =>
                READOUT_LANGUAGES.map((l) => (
                  <tr key={`${s}-${l}`}>
                    <th scope="row">{label(s)}</th>
                    <td>{t(LANGUAGE_KEYS[l])}</td>
                    {READOUT_FORMATS.map((f) => (
                      <td key={f}>
                        <a
                          className="usa-link"
                          href={readoutPath(dialogueKey, meetingNumber, { side: s, lang: l, format: f })}
                          download={readoutFileName(dialogueKey, meetingNumber, s, l, f)}
                          aria-label={t('readout.downloadLabel', {
                            format: t(FORMAT_KEYS[f]),
                            side: label(s),
                            language: t(LANGUAGE_KEYS[l]),
                          })}
                        >
                          {f.toUpperCase()}
                        </a>
                      </td>
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
