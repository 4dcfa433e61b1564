-- The meeting cycle (issue 5): agenda building, each side's view of an
-- issue's resolution, and progress updates on outcomes.

-- Agenda settings of a meeting: the submission cut-off and which sides' leads
-- agreed the joint agenda (it is `shared` once every side has).
create table meeting_agendas (
  meeting_id uuid primary key references meetings (id),
  cutoff_on date,
  agreed_by jsonb not null default '[]',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One side's proposal of one of its issues for a meeting. `joint` false: kept
-- in that side's internal briefing only (for example, refused by the
-- non-negotiable gate); such an item is internal to the proposing side.
create table agenda_items (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id),
  issue_id uuid not null references issues (id),
  side_key text not null,
  position integer not null,
  status text not null default 'proposed' check (status in ('proposed', 'accepted', 'withdrawn')),
  joint boolean not null default true,
  late boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (meeting_id, issue_id)
);
create index agenda_items_meeting on agenda_items (meeting_id, position);

-- The proposing side's briefing on an item: always internal to that side.
create table agenda_briefings (
  agenda_item_id uuid primary key references agenda_items (id),
  owner_side text not null,
  visibility text not null default 'internal' check (visibility = 'internal'),
  notes text,
  stance text,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

-- Each side's own view of whether an issue is resolved (PRODUCT.md rule 4).
create table issue_resolutions (
  issue_id uuid not null references issues (id),
  side_key text not null,
  resolved boolean not null,
  reason text not null,
  at timestamptz not null default now(),
  primary key (issue_id, side_key)
);

-- Progress updates on an outcome, by a side, with a RAG rating.
create table outcome_updates (
  id uuid primary key default gen_random_uuid(),
  outcome_id uuid not null references outcomes (id),
  side_key text not null,
  on_date date not null,
  rag text not null check (rag in ('red', 'amber', 'green')),
  text jsonb,
  evidence jsonb not null default '[]',
  status_from text,
  status_to text,
  created_at timestamptz not null default now()
);
create index outcome_updates_outcome on outcome_updates (outcome_id, created_at);
