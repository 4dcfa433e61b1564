-- Issue 4: e-mail to reporters through an outbox delivered by a background
-- worker, the status links those e-mails carry, and questions asked of a
-- reporter, answered through the status link.

-- One e-mail to send. Written in the transaction of the change that causes
-- it (a rolled-back change queues nothing); a worker claims due rows with
-- FOR UPDATE SKIP LOCKED, so that two servers never take the same one.
create table outbox (
  id uuid primary key default gen_random_uuid(),
  recipient text not null,
  subject text not null,
  body_text text not null,
  body_html text,
  language text not null,
  kind text not null,
  -- The record the message is about (a report), for finding it again.
  record_kind text,
  record_id uuid,
  record_key text,
  -- A secret path (a report's status link) put into the body when it is sent,
  -- and cleared once the message is sent: the link is not kept. (A message
  -- given up keeps it, so that it can be retried whole.)
  link text,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- The worker's claim on a message being sent; a late worker cannot mark it.
  claim uuid,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';
create index outbox_record on outbox (record_kind, record_id);

-- Further status links of a report: each e-mail to the reporter carries a link
-- of its own (the token is known only while the e-mail is written; only its
-- SHA-256 is stored, as for the link given at submission).
create table report_links (
  token_hash text primary key,
  report_id uuid not null references reports (id),
  created_at timestamptz not null default now()
);
create index report_links_report on report_links (report_id);

-- What the reporter was last told of the report's fate (received, merged into
-- an issue, raised at a meeting, resolved, rejected): a change of fate sends
-- an e-mail. Null for reports received before e-mail existed: they are brought
-- up to date without one.
alter table reports add column announced_fate text;

-- Questions an analyst asks a reporter, and the reporter's answer. The
-- question never changes, and an answer once given stays.
create table report_questions (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references reports (id),
  question text not null,
  asked_by text not null,
  asked_at timestamptz not null default now(),
  answer text,
  answered_at timestamptz,
  check ((answer is null) = (answered_at is null))
);
create index report_questions_report on report_questions (report_id, asked_at);

create function report_questions_keep() returns trigger language plpgsql as $$
begin
  if (new.report_id, new.question, new.asked_by, new.asked_at) is distinct from
     (old.report_id, old.question, old.asked_by, old.asked_at)
     or (old.answer is not null and (new.answer, new.answered_at) is distinct from (old.answer, old.answered_at)) then
    raise exception 'a question and its answer, once given, cannot be changed';
  end if;
  return new;
end $$;
create trigger report_questions_keep before update on report_questions
  for each row execute function report_questions_keep();
create rule report_questions_never_deleted as on delete to report_questions do instead nothing;
