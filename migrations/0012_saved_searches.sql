-- Issue 7: saved searches with e-mail alerts. A signed-in user keeps a search
-- (the words and filters of GET /api/v1/search, as JSON) under a name; when
-- `alert` is on, a job in the server process runs it as that user every few
-- minutes and e-mails what matches that was not matched before.
--
-- The watermark is the set of records already known to the search, `seen`: a
-- JSON array of "kind:key" strings (key as the search API gives it, with the
-- dialogue for records that belong to one). It is filled with what matched
-- when the search was saved, so the first e-mail lists only what is new since,
-- and grows with every alert (in the transaction that queues the e-mail). A
-- set rather than a time: a record that becomes visible to the user later (a
-- tier widened) is new to them although it is old.
create table saved_searches (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  query jsonb not null,
  alert boolean not null default true,
  language text not null default 'en' check (language in ('en', 'zh')),
  seen jsonb not null default '[]',
  created_at timestamptz not null default now(),
  last_alerted_at timestamptz
);
create index saved_searches_user on saved_searches (user_id, created_at);
create index saved_searches_alerting on saved_searches (id) where alert;
