-- Search (issue 7): trigram indexes for substrings of three or more characters
-- (Chinese included) and English full-text indexes over the records' texts.
-- pg_trgm lives in `public` so that it outlives any one schema (tests run each
-- file in a schema of its own); concurrent first runs may race to create it.
do $$
begin
  create extension if not exists pg_trgm schema public;
exception
  when unique_violation or duplicate_object then null;
end
$$;

create index issues_search_trgm on issues using gin ((title::text || ' ' || coalesce(summary::text, '')) public.gin_trgm_ops);
create index outcomes_search_trgm on outcomes using gin ((title::text) public.gin_trgm_ops);
create index issues_search_en on issues using gin (
  to_tsvector('english'::regconfig, coalesce(title ->> 'en', '') || ' ' || coalesce(summary ->> 'en', ''))
);
create index outcomes_search_en on outcomes using gin (to_tsvector('english'::regconfig, coalesce(title ->> 'en', '')));
