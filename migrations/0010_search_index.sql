-- Search (issue 7) over a stored index instead of the live records: one row
-- per searchable record (issue, report, meeting, account, outcome, readout),
-- written in the transaction of every write to the records it is built from
-- (src/storage/search.indexer.ts). The Chinese words come from jieba, which
-- runs in Node, not in SQL: this file creates the table empty, and Parley fills
-- it when it starts (search_index_state says which build of the index is on
-- file) or when `parley search reindex` runs.

-- Which build of the index the rows are: Parley rebuilds the index when it
-- starts and finds no row here, or a format older than its own.
create table search_index_state (
  id boolean primary key default true check (id),
  format integer not null,
  documents bigint not null,
  built_at timestamptz not null default now()
);

create table search_documents (
  kind text not null check (kind in ('issue', 'report', 'meeting', 'account', 'outcome', 'readout')),
  record_id uuid not null,
  -- The record's dialogue (a report's: its issue's, once merged; else null).
  dialogue_id uuid,
  -- Issue and outcome key, meeting number, "number/side" of an account, report reference, "number/id" of a readout.
  key text not null,
  -- Who may open the record together with everything it hangs from (src/domain/access/tiers.ts):
  -- public; shared (the dialogue's delegations); internal (owner_side only); triage (the leads and
  -- analysts of owner_side: reports); none (the installation only).
  tier text not null check (tier in ('public', 'shared', 'internal', 'triage', 'none')),
  owner_side text,
  -- The side whose priority the score is (an issue's holder, a report's addressee); null when none.
  holder text,
  -- The parts of the priority that do not move with time (trade, companies, breadth), and the date
  -- from which the time-open part counts (src/domain/reports/priority.ts).
  priority_base double precision,
  opened_at timestamptz,
  category text,
  status text,
  side text,
  year integer,
  date date,
  -- Every facet value of the record as "facet:value" (kind:issue, economy:CN, sector.en:Steel,
  -- sector.zh:钢铁, chapter:72 (Harmonized System), meeting:3, year:2024…): a filter tests one, and
  -- the facets of a search are counted in one pass over them.
  facets text[] not null default '{}',
  indexed_at timestamptz not null default now(),
  -- Language → title, as shown in a hit.
  title jsonb not null,
  -- English words stemmed (english configuration) and Chinese words (jieba), those of the title
  -- weighted A so that they rank first.
  terms tsvector not null,
  -- Every text of the record in both languages, for snippets.
  body text not null,
  -- The same in lower case (as JavaScript lowers it, as the query is lowered): substrings are found
  -- with LIKE through pg_trgm, which rechecks each candidate without lowering it again as ILIKE would.
  body_lower text not null,
  primary key (kind, record_id),
  check ((tier in ('internal', 'triage')) = (owner_side is not null))
);

-- One index per audience, so that a query reads only the entries of rows its caller may see: the
-- public's never touch the delegations' rows or the reports, and the delegations' never the reports
-- of a side they do not triage. Rows of tier none are not indexed (only the installation sees them).
create index search_documents_terms_public on search_documents using gin (terms) where tier = 'public';
create index search_documents_terms_delegation on search_documents using gin (terms)
  where tier in ('shared', 'internal');
create index search_documents_terms_triage on search_documents using gin (terms) where tier = 'triage';
create index search_documents_substrings_public on search_documents using gin (body_lower public.gin_trgm_ops)
  where tier = 'public';
create index search_documents_substrings_delegation on search_documents using gin (body_lower public.gin_trgm_ops)
  where tier in ('shared', 'internal');
create index search_documents_substrings_triage on search_documents using gin (body_lower public.gin_trgm_ops)
  where tier = 'triage';
create index search_documents_dialogue on search_documents (dialogue_id);

-- Search no longer reads the live records' texts: their indexes of 0006 only slowed writes.
drop index if exists issues_search_trgm;
drop index if exists outcomes_search_trgm;
drop index if exists issues_search_en;
drop index if exists outcomes_search_en;
