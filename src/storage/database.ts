/** Kysely's view of the tables created by migrations/. */
import type { ColumnType, Generated } from 'kysely';

type Json = unknown;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Seq = ColumnType<string, never, never>;

interface Versioned {
  id: Generated<string>;
  owner_side: string | null;
  visibility: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DialoguesTable extends Versioned {
  seq: Seq;
  key: string;
  level: string;
  cadence: Json | null;
  mandate: Json | null;
  established: Json | null;
}

export interface SidesTable extends Versioned {
  dialogue_id: string;
  key: string;
  position: number;
  country: string;
  agency: Json;
  press_contact: Json | null;
  about: Json | null;
}

export interface DialogueNamesTable extends Versioned {
  dialogue_id: string;
  side_key: string | null;
  position: number;
  text: Json;
}

export interface PeopleTable extends Versioned {
  dialogue_id: string;
  key: string;
  position: number;
  side_key: string;
  name: Json;
  title: Json;
}

export interface PrinciplesTable extends Versioned {
  dialogue_id: string;
  position: number;
  side_key: string;
  kind: string;
  topic: string;
  text: Json;
}

export interface IssuesTable extends Versioned {
  seq: Seq;
  dialogue_id: string;
  key: string;
  position: number;
  title: Json;
  summary: Json | null;
  raised_by: string;
  respondent: string;
  category: string;
  topics: Json;
  sectors: Json;
  products: Json;
  economies: Json;
  regions: Json;
  status: string;
}

export interface MeetingsTable extends Versioned {
  seq: Seq;
  dialogue_id: string;
  key: string;
  number: number;
  starts_on: string;
  ends_on: string | null;
  format: string;
  place: Json | null;
  host: string | null;
  chairs: Json;
  participants: Json;
}

export interface AccountsTable extends Versioned {
  meeting_id: string;
  side_key: string | null;
  position: number;
  published_on: string | null;
  source: Json | null;
  next_meeting: Json | null;
  notes: Json | null;
}

export interface AccountRaisingsTable {
  id: Generated<string>;
  account_id: string;
  issue_id: string;
  by_side: string;
  position: number;
  stance: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OutcomesTable extends Versioned {
  seq: Seq;
  dialogue_id: string;
  account_id: string;
  key: string;
  position: number;
  kind: string;
  title: Json;
  owners: Json;
  due_on: string | null;
  status: string;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string | null;
  side_key: string;
  role: string;
  password_hash: string | null;
  disabled_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  method: string;
  user_agent: string | null;
  address: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scope: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  email: string;
  address: string;
  at: Timestamp;
}

export interface InstallationSettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  position: ColumnType<string, string, never>;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  action: string;
  record_kind: string;
  record_id: string | null;
  record_key: string | null;
  dialogue_id: string | null;
  owner_side: string | null;
  visibility: string | null;
  before: Json | null;
  after: Json | null;
  changes: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** migrations/0005_reports.sql */
export interface HsCodesTable {
  code: string;
  section: string;
  description: string;
  parent: string | null;
  level: number;
}

export interface ReportsTable {
  id: Generated<string>;
  reference: string;
  side_key: string;
  language: string;
  organisation: Json;
  contact: Json;
  consent: Json;
  economy: string;
  region: string | null;
  sector: string | null;
  products: Json;
  category: string | null;
  description: string;
  impact: Json | null;
  steps_taken: string | null;
  status_token_hash: string;
  status: Generated<string>;
  issue_id: string | null;
  rejection: Json | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** migrations/0008: what the reporter was last told of the report's fate. */
  announced_fate: Generated<string | null>;
}

/** migrations/0008_outbox_and_questions.sql */
export interface OutboxTable {
  id: Generated<string>;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: Generated<string | null>;
  language: string;
  kind: string;
  record_kind: Generated<string | null>;
  record_id: Generated<string | null>;
  record_key: Generated<string | null>;
  link: Generated<string | null>;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claim: Generated<string | null>;
  last_error: Generated<string | null>;
  created_at: Timestamp;
  sent_at: Generated<Date | null>;
}

/** Issue 7: a user's saved search and what its alerts already told them (migrations/0012_saved_searches.sql). */
export interface SavedSearchesTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  query: Json;
  alert: boolean;
  language: string;
  seen: Json;
  created_at: Generated<Date>;
  last_alerted_at: Date | null;
  /** migrations/0013_saved_search_versions.sql */
  version: Generated<number>;
  /** When the alert job last compared its matches with `seen` (migrations/0014_saved_search_checks.sql). */
  checked_at: Date | null;
}

export interface ReportLinksTable {
  token_hash: string;
  report_id: string;
  created_at: Timestamp;
}

export interface ReportQuestionsTable {
  id: Generated<string>;
  report_id: string;
  question: string;
  asked_by: string;
  asked_at: Timestamp;
  answer: Generated<string | null>;
  answered_at: Generated<Date | null>;
}

/** migrations/0007_report_attachments.sql */
export interface ReportAttachmentsTable {
  id: Generated<string>;
  report_id: string;
  position: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: Generated<Date>;
}

export interface Database {
  dialogues: DialoguesTable;
  sides: SidesTable;
  dialogue_names: DialogueNamesTable;
  people: PeopleTable;
  principles: PrinciplesTable;
  issues: IssuesTable;
  meetings: MeetingsTable;
  accounts: AccountsTable;
  account_raisings: AccountRaisingsTable;
  outcomes: OutcomesTable;
  schema_migrations: SchemaMigrationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_failures: SignInFailuresTable;
  installation_settings: InstallationSettingsTable;
  audit_log: AuditLogTable;
  hs_codes: HsCodesTable;
  reports: ReportsTable;
  report_attachments: ReportAttachmentsTable;
  outbox: OutboxTable;
  report_links: ReportLinksTable;
  report_questions: ReportQuestionsTable;
  saved_searches: SavedSearchesTable;
}
