-- Issue 4: the Harmonized System nomenclature, and problems reported by
-- companies and associations, triaged by the analysts of the side they are
-- addressed to.

-- The WCO nomenclature: the root "TOTAL" (level 0; 5 in the CSV), chapters
-- (2 digits), headings (4) and subheadings (6), each linked to its parent.
create table hs_codes (
  code text primary key check (code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|TOTAL)$'),
  section text not null,
  description text not null,
  parent text references hs_codes (code),
  level smallint not null check (level in (0, 2, 4, 6)),
  check ((level = 0) = (parent is null)),
  check ((level = 0 and code = 'TOTAL') or length(code) = level)
);
create index hs_codes_parent on hs_codes (parent);

-- A report is evidence: what the reporter sent is never changed (a trigger
-- refuses it); only its triage state (status, issue, rejection) moves.
create sequence report_numbers;
create table reports (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  side_key text not null,
  language text not null,
  organisation jsonb not null,
  contact jsonb not null,
  consent jsonb not null,
  economy text not null,
  region text,
  sector text,
  products jsonb not null default '[]',
  category text,
  description text not null,
  impact jsonb,
  steps_taken text,
  status_token_hash text not null unique,
  status text not null default 'new' check (status in ('new', 'merged', 'rejected')),
  issue_id uuid references issues (id),
  rejection jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index reports_side_status on reports (side_key, status, created_at);
create index reports_issue on reports (issue_id);

create function reports_are_evidence() returns trigger language plpgsql as $$
begin
  if (new.reference, new.side_key, new.language, new.organisation, new.contact, new.consent, new.economy,
      new.region, new.sector, new.products, new.category, new.description, new.impact, new.steps_taken,
      new.status_token_hash, new.created_at)
     is distinct from
     (old.reference, old.side_key, old.language, old.organisation, old.contact, old.consent, old.economy,
      old.region, old.sector, old.products, old.category, old.description, old.impact, old.steps_taken,
      old.status_token_hash, old.created_at) then
    raise exception 'a report is evidence: what the reporter sent cannot be changed';
  end if;
  return new;
end $$;
create trigger reports_are_evidence before update on reports
  for each row execute function reports_are_evidence();
create rule reports_never_deleted as on delete to reports do instead nothing;
