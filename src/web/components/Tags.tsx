/**
 * Tags for the closed lists (status, stance, visibility…). Colour repeats the
 * label, never replaces it; every colour keeps white text above 4.5:1.
 */
import { useTranslation } from 'react-i18next';
import type { AccountT, DialogueT, IssueT, OutcomeT } from '../../shared/api.js';

type Stance = AccountT['raised'][number]['stance'];

const STATUS_TONE: Record<IssueT['status'], string> = {
  reported: 'bg-base-dark',
  open: 'bg-primary',
  'resolved-in-part': 'bg-accent-cool-darker',
  resolved: 'bg-success-darker',
  dormant: 'bg-base-darker',
  withdrawn: 'bg-base-darkest',
  'out-of-scope': 'bg-base-darkest',
};

const STANCE_TONE: Record<Stance, string> = {
  raised: 'bg-base-dark',
  concern: 'bg-warning-darker',
  'strong-concern': 'bg-secondary-dark',
  opposes: 'bg-secondary-darker',
  welcomes: 'bg-success-darker',
};

const OUTCOME_STATUS_TONE: Record<OutcomeT['status'], string> = {
  agreed: 'bg-primary',
  'in-progress': 'bg-accent-cool-darker',
  delivered: 'bg-success-darker',
  stalled: 'bg-warning-darker',
  dropped: 'bg-base-darker',
};

function Tag({ label, tone, title }: { label: string; tone: string; title?: string }) {
  return (
    <span className={`usa-tag parley-tag ${tone}`} title={title}>
      {label}
    </span>
  );
}

export function StatusTag({ status }: { status: IssueT['status'] }) {
  const { t } = useTranslation();
  return <Tag label={t(`status.${status}`)} tone={STATUS_TONE[status]} />;
}

export function StanceTag({ stance }: { stance: Stance }) {
  const { t } = useTranslation();
  return <Tag label={t(`stance.${stance}`)} tone={STANCE_TONE[stance]} />;
}

export function OutcomeStatusTag({ status }: { status: OutcomeT['status'] }) {
  const { t } = useTranslation();
  return <Tag label={t(`outcomeStatus.${status}`)} tone={OUTCOME_STATUS_TONE[status]} />;
}

export function LevelTag({ level }: { level: DialogueT['level'] }) {
  const { t } = useTranslation();
  return <Tag label={t(`level.${level}`)} tone="bg-primary-darker" />;
}

/**
 * Visibility is drawn as an outline: it is a different kind of fact from the
 * status beside it (who may see the record, not where it stands).
 */
export function VisibilityTag({ visibility }: { visibility: IssueT['visibility'] }) {
  const { t } = useTranslation();
  return (
    <span
      className={`usa-tag parley-visibility parley-visibility--${visibility}`}
      title={t(`visibilityHint.${visibility}`)}
    >
      {t(`visibility.${visibility}`)}
    </span>
  );
}
