-- People who sign in, their sessions and API tokens, and the audit trail.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  display_name text,
  side_key text not null check (side_key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  role text not null check (role in ('admin', 'lead', 'analyst', 'public-affairs', 'reporter')),
  password_hash text,
  disabled_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- E-mail addresses are matched without regard to case.
create unique index users_email on users (lower(email));

-- Server-side sessions: the cookie holds a random id, the table only its hash.
create table sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users (id),
  csrf_token text not null,
  method text not null check (method in ('password', 'oidc', 'demo')),
  user_agent text,
  address text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  scope text not null check (scope in ('read', 'write')),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Failed sign-ins, counted per account and per address over a window.
create table sign_in_failures (
  id bigint generated always as identity primary key,
  email text not null,
  address text not null,
  at timestamptz not null default now()
);
create index sign_in_failures_email on sign_in_failures (lower(email), at);
create index sign_in_failures_address on sign_in_failures (address, at);

-- Facts about the installation itself (for example, that it is a demo).
create table installation_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Append-only and tamper-evident: each entry carries the hash of the one
-- before it, and `position` counts entries without gaps.
create table audit_log (
  position bigint primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor text not null,
  action text not null,
  record_kind text not null,
  record_id uuid,
  record_key text,
  dialogue_id uuid,
  owner_side text,
  visibility text,
  before jsonb,
  after jsonb,
  changes jsonb,
  request_id text,
  prev_hash text not null,
  hash text not null unique
);
create index audit_log_record on audit_log (record_kind, record_id, position);
