/**
 * The closed lists of the domain (PRODUCT.md and the parley-dialogue/1 spec).
 * Labels for people live in the i18n catalogues; these are the stable keys.
 */

export const CATEGORIES = [
  'tariffs',
  'trade-remedies',
  'import-policies',
  'customs',
  'technical-barriers',
  'sanitary-phytosanitary',
  'government-procurement',
  'intellectual-property',
  'services',
  'digital-trade',
  'investment',
  'industrial-policy',
  'export-controls',
  'regulatory-transparency',
  'competition',
  'business-mobility',
  'trade-promotion',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const LEVELS = ['ministerial', 'vice-ministerial', 'senior-official', 'working-level', 'technical'] as const;
export type Level = (typeof LEVELS)[number];

export const MEETING_FORMATS = ['in-person', 'video', 'hybrid', 'call'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
/** Formats that happen somewhere and so need a place. */
export const FORMATS_WITH_PLACE: readonly MeetingFormat[] = ['in-person', 'hybrid'];

export const STANCES = ['raised', 'concern', 'strong-concern', 'opposes', 'welcomes'] as const;
export type Stance = (typeof STANCES)[number];

export const ISSUE_STATUSES = [
  'reported',
  'open',
  'resolved-in-part',
  'resolved',
  'dormant',
  'withdrawn',
  'out-of-scope',
] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const OUTCOME_KINDS = ['cooperation-area', 'commitment', 'action', 'exchange', 'event'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_STATUSES = ['agreed', 'in-progress', 'delivered', 'stalled', 'dropped'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const PRINCIPLE_KINDS = ['non-negotiable', 'priority', 'other'] as const;
export type PrincipleKind = (typeof PRINCIPLE_KINDS)[number];

export const VISIBILITIES = ['internal', 'shared', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Record keys: lower-case slugs, unique within their list. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** HS codes as the bundle carries them: chapter, heading or subheading. */
export const HS_CODE_PATTERN = /^(\d{2}|\d{4}|\d{6})$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
/** BCP 47 language tags, loosely: "en", "zh", "zh-Hant", "pt-BR". */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
