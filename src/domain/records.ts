/**
 * The records Parley keeps, in the shape the domain works with. Each record
 * that can be seen carries its stable key, owner side, visibility tier and
 * row version (see PRODUCT.md, "one installation or two").
 */
import type { Text } from './text.js';
import type {
  Category,
  IssueStatus,
  Level,
  MeetingFormat,
  OutcomeKind,
  OutcomeStatus,
  PrincipleKind,
  Stance,
  Visibility,
} from './vocabulary.js';

export interface RecordMeta {
  id: string;
  version: number;
  ownerSide: string | null;
  visibility: Visibility;
  createdAt: string;
  updatedAt: string;
}

export interface Place {
  city?: Text;
  region?: Text;
  country: string;
}

export interface DialogueName {
  side: string | null;
  text: Text;
}

export interface Established {
  date: string;
  place?: Place;
  by: string[];
  occasion?: Text;
}

export interface PressContact {
  office: Text;
  email?: string;
  phone?: string;
}

export interface Side {
  key: string;
  country: string;
  agency: Text;
  pressContact?: PressContact;
  about?: Text;
}

export interface Person {
  key: string;
  side: string;
  name: Text;
  title: Text;
}

export interface Principle {
  side: string;
  kind: PrincipleKind;
  topic: string;
  text: Text;
}

export interface DialogueFields {
  key: string;
  names: DialogueName[];
  level: Level;
  cadence?: Text;
  mandate?: Text;
  established?: Established;
  sides: Side[];
  people: Person[];
  principles: Principle[];
}

export interface Dialogue extends DialogueFields, RecordMeta {}

export interface IssueFields {
  key: string;
  title: Text;
  summary?: Text;
  raisedBy: string;
  respondent: string;
  category: Category;
  topics: string[];
  sectors: Text[];
  products: string[];
  economies: string[];
  regions: Text[];
  status: IssueStatus;
  visibility: Visibility;
  owner: string;
}

export interface Issue extends Omit<IssueFields, 'visibility'>, RecordMeta {
  dialogue: string;
}

export interface Participant {
  side: string;
  text: Text;
}

export interface MeetingFields {
  key: string;
  number: number;
  date: string;
  endDate?: string;
  format: MeetingFormat;
  place?: Place;
  host?: string;
  chairs: string[];
  participants: Participant[];
}

export interface Meeting extends MeetingFields, RecordMeta {
  dialogue: string;
  /** Which sides (null = joint) have an account of it that the caller may see. */
  accountSides: (string | null)[];
}

export interface Raising {
  by: string;
  issue: string;
  stance: Stance;
}

export interface OutcomeFields {
  key: string;
  kind: OutcomeKind;
  title: Text;
  owners: string[];
  due?: string;
  status: OutcomeStatus;
}

export interface Outcome extends OutcomeFields, RecordMeta {
  dialogue: string;
  meeting: number;
  account: string | null;
}

export interface NextMeeting {
  place?: Place;
  when: Text;
  earliest?: string;
  latest?: string;
  leadBy?: string;
}

export interface AccountSource {
  title?: string;
  url?: string;
  language?: string;
}

export interface AccountFields {
  side: string | null;
  published?: string;
  source?: AccountSource;
  raised: Raising[];
  outcomes: OutcomeFields[];
  nextMeeting?: NextMeeting;
  notes?: Text;
}

export interface Account extends Omit<AccountFields, 'outcomes'>, RecordMeta {
  dialogue: string;
  meeting: number;
  outcomes: Outcome[];
}

export interface BundleMeeting extends MeetingFields {
  accounts: AccountFields[];
}

/**
 * A whole dialogue on record with every default applied: the shape bundle
 * import reads and export writes (parley-dialogue/1).
 */
export interface Bundle {
  format: 'parley-dialogue/1';
  dialogue: DialogueFields;
  issues: IssueFields[];
  meetings: BundleMeeting[];
}

/**
 * What the database already holds for a dialogue, so that a partial bundle
 * may refer to records it does not repeat.
 */
export interface ExistingKeys {
  sides: string[];
  people: string[];
  issues: string[];
  /** meeting key → number */
  meetings: Map<string, number>;
  /** outcome key → "meetingKey/side" (or "meetingKey/(joint statement)") of the account that reported it */
  outcomes: Map<string, string>;
}
