-- Issue 4: files sent with a problem report (PDF, Word, images). The type is
-- the one found in the content when the file was received; the name is kept as
-- sent. Like the report itself, an attachment is evidence: once written it is
-- never changed (a trigger refuses it) nor deleted (a rule ignores it).
create table report_attachments (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references reports (id),
  position smallint not null check (position >= 0),
  file_name text not null check (length(file_name) between 1 and 255),
  media_type text not null check (media_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
  size integer not null check (size > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  created_at timestamptz not null default now(),
  check (octet_length(content) = size),
  unique (report_id, position)
);

create function report_attachments_are_evidence() returns trigger language plpgsql as $$
begin
  raise exception 'a report attachment is evidence: it cannot be changed';
end $$;
create trigger report_attachments_are_evidence before update on report_attachments
  for each row execute function report_attachments_are_evidence();
create rule report_attachments_never_deleted as on delete to report_attachments do instead nothing;
