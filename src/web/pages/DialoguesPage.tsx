import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DialogueSummaryT } from '../../shared/api.js';
import { DateText } from '../components/DateText.js';
import { LocalText } from '../components/LocalText.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { sideName } from '../components/sides.js';
import { LevelTag } from '../components/Tags.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useLocalize, useUiLanguage } from '../hooks/language.js';
import { useDialogues } from '../hooks/queries.js';
import { linkTo } from '../routes.js';

/** Route `/`: every dialogue the reader may see, as cards. */
export function DialoguesPage() {
  const { t } = useTranslation();
  const dialogues = useDialogues();
  useDocumentTitle(t('dialogues.title'));

  return (
    <>
      <h1 className="margin-top-0">{t('dialogues.title')}</h1>
      <p className="usa-intro">{t('dialogues.lead')}</p>
      {dialogues.isPending ? <Loading /> : null}
      {dialogues.isError ? <ErrorState error={dialogues.error} onRetry={() => void dialogues.refetch()} /> : null}
      {dialogues.data?.items.length === 0 ? <p>{t('dialogues.empty')}</p> : null}
      {dialogues.data && dialogues.data.items.length > 0 ? (
        <ul className="usa-card-group" aria-label={t('dialogues.listLabel')}>
          {dialogues.data.items.map((dialogue) => (
            <DialogueCard key={dialogue.key} dialogue={dialogue} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

function DialogueCard({ dialogue }: { dialogue: DialogueSummaryT }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const localize = useLocalize();
  const [first] = dialogue.names;
  const title = localize(first?.text).value || dialogue.key;
  // The heading shows the first name; the other sides' names follow, because each side's name is its own.
  const otherNames = dialogue.names.slice(1);

  return (
    <li className="usa-card desktop:grid-col-6">
      <div className="usa-card__container">
        <div className="usa-card__header">
          <p className="margin-0">
            <LevelTag level={dialogue.level} />
          </p>
          <h2 className="usa-card__heading parley-card-heading">
            <Link className="usa-link" to={linkTo.dialogue(dialogue.key)}>
              <LocalText text={first?.text} />
            </Link>
          </h2>
          {otherNames.map((name, i) => (
            <p key={i} className="margin-top-1 margin-bottom-0 text-base-dark">
              {name.side ? (
                <span className="display-block font-sans-2xs">
                  {t('dialogues.namedBy', { side: sideName(dialogue.sides, name.side, lang) })}
                </span>
              ) : null}
              <LocalText text={name.text} />
            </p>
          ))}
        </div>
        <div className="usa-card__body">
          <dl className="parley-facts">
            <dt>{t('dialogues.sides')}</dt>
            <dd>
              <ul className="usa-list usa-list--unstyled">
                {dialogue.sides.map((side) => (
                  <li key={side.key}>
                    <span className="text-bold">{sideName(dialogue.sides, side.key, lang)}</span>
                    {' — '}
                    <LocalText text={side.agency} />
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t('dialogues.meetings')}</dt>
            <dd>{dialogue.meetingCount}</dd>
            <dt>{t('dialogues.issues')}</dt>
            <dd>{dialogue.issueCount}</dd>
            <dt>{t('dialogues.lastMeeting')}</dt>
            <dd>
              {dialogue.lastMeeting ? (
                <Link className="usa-link" to={linkTo.meeting(dialogue.key, dialogue.lastMeeting.number)}>
                  <DateText date={dialogue.lastMeeting.date} />
                </Link>
              ) : (
                t('dialogues.noMeetings')
              )}
            </dd>
          </dl>
        </div>
        <div className="usa-card__footer">
          <Link to={linkTo.issues(dialogue.key)} className="usa-button usa-button--outline">
            {t('dialogues.viewIssues')}
            {/* Several cards have this button: the hidden name says which dialogue's issues it opens. */}
            <span className="usa-sr-only"> — {title}</span>
          </Link>
        </div>
      </div>
    </li>
  );
}
