/**
 * The public-affairs workflow of one side's readout in one language, under
 * the readout preview of the meeting page: the state (draft, approved,
 * published) as a badge, create a draft from the record, edit its text with a
 * preview of the saved text, approve (the side's lead), publish (the side's
 * public affairs), the out-of-date warning, and the published versions. The
 * server decides who may see and do what; this shows what it answers.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { READOUT_FORMATS, type ReadoutLanguage } from '../../shared/readout.js';
import { readoutDocumentPath, readoutsPath, type Readout } from '../../shared/readout-workflow.js';
import { apiGet, type ListOf } from '../hooks/api.js';
import { useMe, useSend } from '../hooks/session.js';
import { ErrorState } from './QueryState.js';

export interface ReadoutWorkflowProps {
  dialogueKey: string;
  meetingNumber: number;
  /** A side's key, or `joint`. */
  side: string;
  lang: ReadoutLanguage;
  /** The side as the reader's language names it. */
  sideLabel: string;
  languageLabel: string;
}

type Tf = (key: string, options?: Record<string, unknown>) => string;

const STATE_CLASS: Record<Readout['state'], string> = {
  draft: 'bg-gold text-ink',
  approved: 'bg-primary text-white',
  published: 'bg-green text-white',
};

export function ReadoutWorkflow({
  dialogueKey,
  meetingNumber,
  side,
  lang,
  sideLabel,
  languageLabel,
}: ReadoutWorkflowProps) {
  const { t: translate, i18n } = useTranslation();
  const t = ((key: string, options?: Record<string, unknown>) =>
    (translate as unknown as Tf)(`readoutflow.${key}`, options)) as Tf;
  const id = useId();
  const me = useMe().data;
  const send = useSend();
  const queryClient = useQueryClient();
  const path = readoutsPath(dialogueKey, meetingNumber);
  const queryKey = ['dialogue', dialogueKey, 'meeting', meetingNumber, 'readouts'];
  const list = useQuery({ queryKey, queryFn: ({ signal }) => apiGet<ListOf<Readout>>(path, signal) });
  const [draftText, setDraftText] = useState<{ id: string; version: number; text: string } | undefined>();
  const [confirm, setConfirm] = useState(false);
  const [saved, setSaved] = useState(false);

  const mine = (list.data?.items ?? []).filter((r) => r.side === side && r.lang === lang);
  const working = mine.find((r) => r.state !== 'published');
  const published = mine.filter((r) => r.state === 'published');
  const permissions = (me?.permissions ?? []) as string[];
  const actsFor = me !== undefined && me !== null && (side === 'joint' || me.user.side === side);
  const can = (action: string) => actsFor && permissions.includes(action);

  const done = async () => {
    setConfirm(false);
    await queryClient.invalidateQueries({ queryKey });
  };
  const create = useMutation({
    mutationFn: () => send<Readout>('POST', path, { body: { side, lang } }),
    onSuccess: done,
  });
  const save = useMutation({
    mutationFn: (v: { id: string; version: number; text: string }) =>
      send<Readout>('PATCH', readoutsPath(dialogueKey, meetingNumber, v.id), {
        body: { text: v.text },
        ifMatch: v.version,
      }),
    onSuccess: async () => {
      setDraftText(undefined);
      setSaved(true);
      await done();
    },
  });
  const approve = useMutation({
    mutationFn: (r: Readout) =>
      send<Readout>('POST', `${readoutsPath(dialogueKey, meetingNumber, r.id)}/approve`, { ifMatch: r.version }),
    onSuccess: done,
  });
  const publish = useMutation({
    mutationFn: (r: Readout) =>
      send<Readout>('POST', `${readoutsPath(dialogueKey, meetingNumber, r.id)}/publish`, {
        body: { confirmOutOfDate: confirm },
        ifMatch: r.version,
      }),
    onSuccess: done,
  });
  const error = create.error ?? save.error ?? approve.error ?? publish.error;
  const when = (at: string) =>
    new Intl.DateTimeFormat(i18n.language === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'medium' }).format(new Date(at));
  const badge = (r: Readout) => (
    <span className={`usa-tag ${STATE_CLASS[r.state]}`} data-state={r.state}>
      {t(`state_${r.state}`)}
    </span>
  );
  const editable = working ?? (can('readout.draft') ? published[0] : undefined);
  const text = draftText && draftText.id === editable?.id ? draftText.text : (editable?.text ?? '');

  return (
    <section aria-labelledby={`${id}-flow`} className="margin-top-4 parley-readout-flow" data-testid="readout-workflow">
      <h3 id={`${id}-flow`}>{t('title')}</h3>
      <p className="margin-top-0">{t('lead', { side: sideLabel, language: languageLabel })}</p>
      {list.error ? <ErrorState error={list.error} headingLevel={3} onRetry={() => void list.refetch()} /> : null}
      {error ? (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{error.message}</p>
          </div>
        </div>
      ) : null}

      {working ? (
        <div>
          <h4>
            {t('working')} {badge(working)}{' '}
            <span className="text-base">
              {t('version', { version: working.version })}
              {working.handEdited ? `, ${t('handEdited')}` : ''}
            </span>
          </h4>
          <ul className="usa-list usa-list--unstyled">
            <li>{t('createdBy', { by: working.created.by, at: when(working.created.at) })}</li>
            {working.approved ? (
              <li>{t('approvedBy', { by: working.approved.by, at: when(working.approved.at) })}</li>
            ) : null}
          </ul>
          {working.outOfDate ? (
            <div className="usa-alert usa-alert--warning usa-alert--slim" data-testid="readout-out-of-date">
              <div className="usa-alert__body">
                <p className="usa-alert__text">{t('outOfDate')}</p>
              </div>
            </div>
          ) : null}
        </div>
      ) : list.data ? (
        <p>{t('none')}</p>
      ) : null}

      {!working && can('readout.draft') ? (
        <button type="button" className="usa-button" disabled={create.isPending} onClick={() => create.mutate()}>
          {create.isPending ? t('creating') : t('create')}
        </button>
      ) : null}

      {editable && can('readout.draft') ? (
        <form
          className="usa-form maxw-none"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ id: editable.id, version: editable.version, text });
          }}
        >
          {editable.state === 'published' ? <p className="usa-hint">{t('editPublished')}</p> : null}
          <label className="usa-label" htmlFor={`${id}-text`}>
            {t('text')}
          </label>
          <span className="usa-hint" id={`${id}-hint`}>
            {t('textHint')}
          </span>
          <textarea
            className="usa-textarea maxw-none font-mono-xs"
            id={`${id}-text`}
            aria-describedby={`${id}-hint`}
            rows={16}
            lang={lang === 'zh' ? 'zh-Hans' : 'en'}
            value={text}
            onChange={(e) => {
              setSaved(false);
              setDraftText({ id: editable.id, version: editable.version, text: e.target.value });
            }}
          />
          <button type="submit" className="usa-button usa-button--outline margin-top-1" disabled={save.isPending}>
            {t('save')}
          </button>
          {saved ? (
            <span role="status" className="margin-left-1">
              {t('saved')}
            </span>
          ) : null}
        </form>
      ) : null}

      {working ? (
        <>
          <h4>{t('previewSaved')}</h4>
          <iframe
            className="parley-readout__preview"
            title={t('previewSaved')}
            sandbox=""
            src={`${readoutDocumentPath(dialogueKey, meetingNumber, working.id, 'html')}&v=${working.version}`}
            style={{ width: '100%', height: '24rem', border: '1px solid #dfe1e2' }}
          />
          <div className="margin-top-1">
            {can('readout.approve') ? (
              <button
                type="button"
                className="usa-button"
                disabled={approve.isPending}
                onClick={() => approve.mutate(working)}
              >
                {working.state === 'approved' ? t('approveAgain') : t('approve')}
              </button>
            ) : null}
            {can('readout.publish') && working.state === 'approved' ? (
              <>
                {working.outOfDate ? (
                  <div className="usa-checkbox margin-bottom-1">
                    <input
                      className="usa-checkbox__input"
                      id={`${id}-confirm`}
                      type="checkbox"
                      checked={confirm}
                      onChange={(e) => setConfirm(e.target.checked)}
                    />
                    <label className="usa-checkbox__label" htmlFor={`${id}-confirm`}>
                      {t('confirmOutOfDate')}
                    </label>
                  </div>
                ) : null}
                <button
                  type="button"
                  className="usa-button usa-button--secondary"
                  disabled={publish.isPending || (working.outOfDate === true && !confirm)}
                  onClick={() => publish.mutate(working)}
                >
                  {t('publish')}
                </button>
              </>
            ) : null}
          </div>
        </>
      ) : null}

      <h4>{t('published')}</h4>
      {published.length === 0 ? (
        <p>{t('publishedNone')}</p>
      ) : (
        <ul className="usa-list" data-testid="readout-published">
          {published.map((r) => (
            <li key={r.id}>
              {badge(r)}{' '}
              {t('publishedVersion', { number: r.publishedNumber, at: when(r.published?.at ?? r.created.at) })}{' '}
              {t('formats')}{' '}
              {READOUT_FORMATS.map((f) => (
                <a
                  key={f}
                  className="usa-link margin-right-1"
                  href={readoutDocumentPath(dialogueKey, meetingNumber, r.id, f)}
                >
                  {f.toUpperCase()}
                </a>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
