-- Issue 7, continued: the saved-search alert job no longer reads every match
-- of every alerting search on each run. A record can become a new match only
-- by being written, and every write rewrites its search document
-- (search_documents.indexed_at); so a run reads the matches written since the
-- search was last checked (less an hour's overlap for long transactions and
-- clock differences) and compares only those with the watermark.
alter table saved_searches add column checked_at timestamptz;
-- A search saved or changed before this migration has a watermark as of then:
-- its first run after it reads every match once, as before.

-- The documents written since a time: with the word indexes (a bitmap AND),
-- an alert's query visits only the recent rows, however broad its words.
create index search_documents_indexed on search_documents (indexed_at);
