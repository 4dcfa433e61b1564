-- Similar reports and issues (issue 4) at scale: the features of every report
-- and issue (src/domain/reports/similar.ts), computed once and kept in step
-- with the record in the transaction that writes it
-- (src/storage/similar.repository.ts). A search no longer reads and segments
-- every record's text: each process holds the features in an inverted index
-- in memory, loaded from this table and refreshed from the rows written since
-- (by transaction id). The Chinese words come from jieba, which runs in Node,
-- not in SQL: this file creates the tables empty, and Parley fills them when
-- it starts (similar_features_state says which version of the features is on
-- file).

-- One row: the version of the features on file (a hash of the glossary, the
-- weights and the rules). Parley rebuilds every row when its own differs.
create table similar_features_state (
  id boolean primary key default true check (id),
  version text not null,
  records bigint not null,
  built_at timestamptz not null default now()
);

create table similar_features (
  kind text not null check (kind in ('issue', 'report')),
  record_id uuid not null,
  -- The side a report is addressed to (never changes); null for issues, whose visibility is read from the issue.
  side_key text,
  -- Feature keys: "c:data-flows" (a glossary concept), "w:licens" (an English stem), "z:审批" (a Chinese
  -- word), "h:清关" (two Chinese characters), "p:854142" (an HS code). A key's weight follows from it.
  keys text[] not null,
  -- The length of the weight vector, for the cosine.
  norm real not null,
  -- The transaction that wrote the row: a process refreshes its index from the rows written by
  -- transactions that had not ended when it last looked.
  written xid8 not null default pg_current_xact_id(),
  primary key (kind, record_id)
);
create index similar_features_written on similar_features (written);
