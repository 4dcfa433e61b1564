import { DialogueCycleLinks } from '../components/CycleWidgets.js';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DialogueT, MeetingT } from '../../shared/api.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { DateText } from '../components/DateText.js';
import { LocalText } from '../components/LocalText.js';
import { meetingTitle } from '../components/meeting-title.js';
import { NameVariants } from '../components/NameVariants.js';
import { PersonWithTitle } from '../components/people.js';
import { PlaceText } from '../components/PlaceText.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { sideName } from '../components/sides.js';
import { StackedTable } from '../components/StackedTable.js';
import { LevelTag } from '../components/Tags.js';
import { topicLabel } from '../components/topics.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useLocalize, useUiLanguage } from '../hooks/language.js';
import { useDialogue, useMeetings } from '../hooks/queries.js';
import { linkTo } from '../routes.js';

/** Route `/dialogues/:key`: what the dialogue is, who is in it, its principles and its meetings. */
export function DialoguePage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const localize = useLocalize();
  const dialogue = useDialogue(key);
  const meetings = useMeetings(key);
  useDocumentTitle(dialogue.data ? localize(dialogue.data.names[0]?.text).value : undefined);

  if (dialogue.isPending) return <Loading />;
  if (dialogue.isError) {
    return (
      <>
        <Breadcrumbs trail={[{ label: t('nav.home'), to: linkTo.dialogues() }]} current={key} />
        <ErrorState error={dialogue.error} onRetry={() => void dialogue.refetch()} headingLevel={1} />
      </>
    );
  }
  const d = dialogue.data;
  const title = d.names[0]?.text;

  return (
    <>
      <Breadcrumbs trail={[{ label: t('nav.home'), to: linkTo.dialogues() }]} current={<LocalText text={title} />} />
      <div className="grid-row grid-gap-lg">
        <div className="desktop:grid-col-8">
          <h1 className="margin-top-0 margin-bottom-1">
            <LocalText text={title} />
          </h1>
          <p className="margin-top-0">
            <LevelTag level={d.level} />
          </p>
          <DialogueCycleLinks dialogueKey={d.key} />
          {d.mandate ? (
            <p className="usa-intro">
              <LocalText text={d.mandate} />
            </p>
          ) : null}
          <Principles dialogue={d} />
          <Names dialogue={d} />
        </div>
        <div className="desktop:grid-col-4">
          <AtAGlance dialogue={d} meetings={meetings.data?.items} />
        </div>
      </div>

      <Sides dialogue={d} />
      <People dialogue={d} meetings={meetings.data?.items} />

      <section aria-labelledby="meetings-heading" className="margin-top-5">
        <h2 id="meetings-heading">{t('dialogue.meetings')}</h2>
        {meetings.isPending ? <Loading /> : null}
        {meetings.isError ? (
          <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} headingLevel={3} />
        ) : null}
        {meetings.data ? <MeetingsTable dialogue={d} meetings={meetings.data.items} /> : null}
      </section>

      <section aria-labelledby="issues-heading" className="margin-top-5">
        <h2 id="issues-heading">{t('dialogue.issues')}</h2>
        <p>{t('dialogue.issuesLead')}</p>
        <Link to={linkTo.issues(d.key)} className="usa-button">
          {t('dialogue.issuesLink')}
        </Link>
      </section>
    </>
  );
}

function Principles({ dialogue }: { dialogue: DialogueT }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (dialogue.principles.length === 0) return null;
  return (
    <section aria-labelledby="principles-heading" className="margin-top-4">
      <h2 id="principles-heading" className="font-heading-lg">
        {t('dialogue.principles')}
      </h2>
      {dialogue.principles.map((principle, i) => (
        // A non-negotiable principle limits what may go on a joint agenda: it is shown as a warning, not as a footnote.
        <div
          key={i}
          className={`usa-alert usa-alert--slim margin-top-2 ${
            principle.kind === 'non-negotiable' ? 'usa-alert--warning' : 'usa-alert--info'
          }`}
        >
          <div className="usa-alert__body">
            <h3 className="usa-alert__heading font-sans-md">
              {t('dialogue.principleHeading', {
                kind: t(`principleKind.${principle.kind}`),
                topic: topicLabel(t, principle.topic),
              })}
            </h3>
            <p className="usa-alert__text text-bold">
              <LocalText text={principle.text} />
            </p>
            <p className="usa-alert__text font-sans-2xs text-base-dark margin-top-05">
              {t('dialogue.principleOf', { side: sideName(dialogue.sides, principle.side, lang) })}
            </p>
          </div>
        </div>
      ))}
    </section>
  );
}

function AtAGlance({ dialogue, meetings }: { dialogue: DialogueT; meetings: MeetingT[] | undefined }) {
  const { t } = useTranslation();
  const established = dialogue.established;
  return (
    <div className="usa-summary-box margin-top-2 desktop:margin-top-0" role="region" aria-labelledby="glance-heading">
      <div className="usa-summary-box__body">
        <h2 className="usa-summary-box__heading" id="glance-heading">
          {t('dialogue.atAGlance')}
        </h2>
        <dl className="parley-facts parley-facts--stacked usa-summary-box__text">
          <dt>{t('dialogue.level')}</dt>
          <dd>{t(`level.${dialogue.level}`)}</dd>
          {dialogue.cadence ? (
            <>
              <dt>{t('dialogue.cadence')}</dt>
              <dd>
                <LocalText text={dialogue.cadence} />
              </dd>
            </>
          ) : null}
          {established ? (
            <>
              <dt>{t('dialogue.established')}</dt>
              <dd>
                <DateText date={established.date} />
              </dd>
              {established.place ? (
                <>
                  <dt>{t('dialogue.establishedAt')}</dt>
                  <dd>
                    <PlaceText place={established.place} />
                  </dd>
                </>
              ) : null}
              {established.occasion ? (
                <>
                  <dt>{t('dialogue.occasion')}</dt>
                  <dd className="parley-sentence">
                    <LocalText text={established.occasion} />
                  </dd>
                </>
              ) : null}
              {established.by.length > 0 ? (
                <>
                  <dt>{t('dialogue.establishedBy')}</dt>
                  <dd>
                    <ul className="usa-list usa-list--unstyled">
                      {established.by.map((person) => (
                        <li key={person} className="margin-bottom-1">
                          <PersonWithTitle people={dialogue.people} personKey={person} />
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </>
          ) : null}
          {meetings ? (
            <>
              <dt>{t('dialogue.meetings')}</dt>
              <dd>{t('dialogue.meetingCount', { count: meetings.length })}</dd>
            </>
          ) : null}
        </dl>
        <Link to={linkTo.issues(dialogue.key)} className="usa-summary-box__link">
          {t('dialogue.issuesLink')}
        </Link>
      </div>
    </div>
  );
}

function Names({ dialogue }: { dialogue: DialogueT }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  return (
    <section aria-labelledby="names-heading" className="margin-top-4">
      <h2 id="names-heading" className="font-heading-lg">
        {t('dialogue.names')}
      </h2>
      <p className="margin-top-0">{t('dialogue.namesLead')}</p>
      <ul className="usa-list usa-list--unstyled parley-names">
        {dialogue.names.map((name, i) => (
          <li key={i}>
            <span className="parley-names__by">
              {name.side
                ? t('dialogue.namedBy', { side: sideName(dialogue.sides, name.side, lang) })
                : t('dialogue.neutralName')}
            </span>
            <NameVariants text={name.text} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Sides({ dialogue }: { dialogue: DialogueT }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  return (
    <section aria-labelledby="sides-heading" className="margin-top-5">
      <h2 id="sides-heading">{t('dialogue.sides')}</h2>
      <ul className="usa-card-group">
        {dialogue.sides.map((side) => (
          <li key={side.key} className="usa-card tablet:grid-col-6">
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h3 className="usa-card__heading">{sideName(dialogue.sides, side.key, lang)}</h3>
              </div>
              <div className="usa-card__body">
                <dl className="parley-facts parley-facts--stacked">
                  <dt>{t('dialogue.agency')}</dt>
                  <dd>
                    <LocalText text={side.agency} />
                  </dd>
                  {side.pressContact ? (
                    <>
                      <dt>{t('dialogue.pressContact')}</dt>
                      <dd>
                        <LocalText text={side.pressContact.office} />
                        {side.pressContact.email ? (
                          <span className="display-block">
                            <span className="usa-sr-only">{t('dialogue.email')}: </span>
                            <a className="usa-link" href={`mailto:${side.pressContact.email}`}>
                              {side.pressContact.email}
                            </a>
                          </span>
                        ) : null}
                        {side.pressContact.phone ? (
                          <span className="display-block">
                            <span className="usa-sr-only">{t('dialogue.phone')}: </span>
                            <a className="usa-link" href={`tel:${side.pressContact.phone}`}>
                              {side.pressContact.phone}
                            </a>
                          </span>
                        ) : null}
                      </dd>
                    </>
                  ) : null}
                  {side.about ? (
                    <>
                      <dt>{t('dialogue.about')}</dt>
                      <dd className="font-sans-xs">
                        <LocalText text={side.about} />
                      </dd>
                    </>
                  ) : null}
                </dl>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function People({ dialogue, meetings }: { dialogue: DialogueT; meetings: MeetingT[] | undefined }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (dialogue.people.length === 0) return null;
  // Roles come from the records: who chaired a meeting, who established the dialogue.
  const chairs = new Set((meetings ?? []).flatMap((m) => m.chairs));
  const founders = new Set(dialogue.established?.by ?? []);
  return (
    <section aria-labelledby="people-heading" className="margin-top-5">
      <h2 id="people-heading">{t('dialogue.people')}</h2>
      <StackedTable
        caption={t('dialogue.peopleCaption')}
        columns={[t('dialogue.name'), t('dialogue.personTitle'), t('dialogue.side'), t('dialogue.role')]}
      >
        {dialogue.people.map((person) => (
          <tr key={person.key}>
            <th scope="row" data-label={t('dialogue.name')} className="text-bold text-no-wrap">
              <LocalText text={person.name} />
            </th>
            <td data-label={t('dialogue.personTitle')}>
              <LocalText text={person.title} />
            </td>
            <td data-label={t('dialogue.side')} className="text-no-wrap">
              {sideName(dialogue.sides, person.side, lang)}
            </td>
            <td data-label={t('dialogue.role')}>
              {chairs.has(person.key) ? <span className="parley-role">{t('dialogue.roleCoChair')}</span> : null}
              {founders.has(person.key) ? <span className="parley-role">{t('dialogue.roleFounder')}</span> : null}
            </td>
          </tr>
        ))}
      </StackedTable>
    </section>
  );
}

function MeetingsTable({ dialogue, meetings }: { dialogue: DialogueT; meetings: MeetingT[] }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (meetings.length === 0) return <p>{t('dialogue.noMeetings')}</p>;
  const latestFirst = [...meetings].sort((a, b) => b.number - a.number);
  return (
    <StackedTable
      caption={t('dialogue.meetingsCaption')}
      columns={[
        t('meeting.numberShort'),
        t('meeting.meeting'),
        t('meeting.date'),
        t('meeting.place'),
        t('meeting.format'),
        t('meeting.accountsColumn'),
      ]}
    >
      {latestFirst.map((meeting) => (
        <tr key={meeting.key}>
          <td data-label={t('meeting.numberShort')} className="font-mono-sm">
            {meeting.number}
          </td>
          <th scope="row" data-label={t('meeting.meeting')}>
            <Link className="usa-link" to={linkTo.meeting(dialogue.key, meeting.number)}>
              {meetingTitle(t, meeting.number)}
            </Link>
          </th>
          <td data-label={t('meeting.date')}>
            <DateText date={meeting.date} endDate={meeting.endDate} />
          </td>
          <td data-label={t('meeting.place')}>
            {meeting.place ? <PlaceText place={meeting.place} /> : t('common.notRecorded')}
          </td>
          <td data-label={t('meeting.format')}>{t(`format.${meeting.format}`)}</td>
          <td data-label={t('meeting.accountsColumn')}>
            {meeting.accountSides.length === 0 ? t('common.none') : null}
            {meeting.accountSides.map((side) => (
              <span key={side ?? 'joint'} className="parley-role">
                {side === null ? t('meeting.jointSide') : sideName(dialogue.sides, side, lang)}
              </span>
            ))}
          </td>
        </tr>
      ))}
    </StackedTable>
  );
}
