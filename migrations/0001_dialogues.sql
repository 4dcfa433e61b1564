-- The dialogue and everything the parley-dialogue/1 bundle carries.
-- Every record that can be seen has an owner side (null = all sides) and a
-- visibility tier, a stable key, a row version and timestamps, so that records
-- can later move between installations and conflicting edits can be detected.

create table dialogues (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  key text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  level text not null check (level in ('ministerial', 'vice-ministerial', 'senior-official', 'working-level', 'technical')),
  cadence jsonb,
  mandate jsonb,
  established jsonb,
  owner_side text,
  visibility text not null default 'public' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sides (
  id uuid primary key default gen_random_uuid(),
  dialogue_id uuid not null references dialogues (id),
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position integer not null,
  country char(2) not null check (country ~ '^[A-Z]{2}$'),
  agency jsonb not null,
  press_contact jsonb,
  about jsonb,
  owner_side text,
  visibility text not null default 'public' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dialogue_id, key)
);

create table dialogue_names (
  id uuid primary key default gen_random_uuid(),
  dialogue_id uuid not null references dialogues (id),
  side_key text,
  position integer not null,
  text jsonb not null,
  owner_side text,
  visibility text not null default 'public' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One name per side and one neutral name (side_key null) per dialogue.
create unique index dialogue_names_side on dialogue_names (dialogue_id, coalesce(side_key, ''));

create table people (
  id uuid primary key default gen_random_uuid(),
  dialogue_id uuid not null references dialogues (id),
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position integer not null,
  side_key text not null,
  name jsonb not null,
  title jsonb not null,
  owner_side text,
  visibility text not null default 'public' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dialogue_id, key)
);

-- A principle has no key in the bundle: it is identified by (side, kind, topic).
create table principles (
  id uuid primary key default gen_random_uuid(),
  dialogue_id uuid not null references dialogues (id),
  position integer not null,
  side_key text not null,
  kind text not null check (kind in ('non-negotiable', 'priority', 'other')),
  topic text not null check (topic ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  text jsonb not null,
  owner_side text,
  visibility text not null default 'public' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dialogue_id, side_key, kind, topic)
);

create table issues (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  dialogue_id uuid not null references dialogues (id),
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position integer not null,
  title jsonb not null,
  summary jsonb,
  raised_by text not null,
  respondent text not null,
  category text not null,
  topics jsonb not null default '[]',
  sectors jsonb not null default '[]',
  products jsonb not null default '[]',
  economies jsonb not null default '[]',
  regions jsonb not null default '[]',
  status text not null default 'open' check (status in ('reported', 'open', 'resolved-in-part', 'resolved', 'dormant', 'withdrawn', 'out-of-scope')),
  owner_side text not null,
  visibility text not null default 'internal' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dialogue_id, key),
  check (raised_by <> respondent)
);
create index issues_dialogue_seq on issues (dialogue_id, seq);
create index issues_status on issues (status, seq);
create index issues_category on issues (category, seq);

create table meetings (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  dialogue_id uuid not null references dialogues (id),
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  number integer not null check (number >= 1),
  starts_on date not null,
  ends_on date,
  format text not null check (format in ('in-person', 'video', 'hybrid', 'call')),
  place jsonb,
  host text,
  chairs jsonb not null default '[]',
  participants jsonb not null default '[]',
  owner_side text,
  visibility text not null default 'shared' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dialogue_id, key),
  -- Checked at commit, so that an import may renumber meetings (swap 1 and 2).
  unique (dialogue_id, number) deferrable initially deferred,
  check (ends_on is null or ends_on >= starts_on),
  check (format not in ('in-person', 'hybrid') or place is not null),
  check (visibility <> 'internal' or owner_side is not null)
);

-- One side's record of a meeting (side_key null: a joint statement).
create table accounts (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id),
  side_key text,
  position integer not null,
  published_on date,
  source jsonb,
  next_meeting jsonb,
  notes jsonb,
  owner_side text,
  visibility text not null default 'shared' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (visibility <> 'internal' or owner_side is not null)
);
create unique index accounts_meeting_side on accounts (meeting_id, coalesce(side_key, ''));

create table account_raisings (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  issue_id uuid not null references issues (id),
  by_side text not null,
  position integer not null,
  stance text not null check (stance in ('raised', 'concern', 'strong-concern', 'opposes', 'welcomes')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, by_side, issue_id)
);
create index account_raisings_issue on account_raisings (issue_id);

create table outcomes (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  dialogue_id uuid not null references dialogues (id),
  account_id uuid not null references accounts (id),
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position integer not null,
  kind text not null check (kind in ('cooperation-area', 'commitment', 'action', 'exchange', 'event')),
  title jsonb not null,
  owners jsonb not null default '[]',
  due_on date,
  status text not null default 'agreed' check (status in ('agreed', 'in-progress', 'delivered', 'stalled', 'dropped')),
  owner_side text,
  visibility text not null default 'shared' check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dialogue_id, key),
  check (visibility <> 'internal' or owner_side is not null)
);
create index outcomes_account on outcomes (account_id);
