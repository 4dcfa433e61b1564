-- Readouts: each side's press release of a meeting (or the joint statement),
-- through the public-affairs workflow draft → approved → published.
--
-- One row is one version of a readout of (meeting, side, language). At most
-- one row per (meeting, side, language) is the working copy (draft or
-- approved); published rows are frozen and numbered 1, 2, … per
-- (meeting, side, language). `model` is the document generated from the
-- record; `text` is the hand-edited Markdown, null while the generated model
-- stands. `fingerprint` maps every record the readout was built from to its
-- version, taken when the draft was generated and again when it was approved:
-- a record whose version differs now makes the readout out of date.

create table readouts (
  id uuid primary key default gen_random_uuid(),
  dialogue_id uuid not null references dialogues (id),
  meeting_id uuid not null references meetings (id),
  -- A side's key, or 'joint' for the joint statement.
  side_key text not null check (side_key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  lang text not null check (lang in ('en', 'zh')),
  state text not null check (state in ('draft', 'approved', 'published')),
  model jsonb not null,
  text text,
  fingerprint jsonb not null,
  published_number integer check (published_number >= 1),
  -- Drafts and approved readouts are internal to the side (shared for a joint statement); published ones are public.
  owner_side text,
  visibility text not null check (visibility in ('internal', 'shared', 'public')),
  version integer not null default 1,
  created_by uuid,
  created_by_label text not null,
  created_at timestamptz not null default now(),
  edited_by_label text,
  edited_at timestamptz,
  approved_by uuid,
  approved_by_label text,
  approved_at timestamptz,
  published_by uuid,
  published_by_label text,
  published_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((state = 'published') = (published_number is not null))
);
create unique index readouts_working on readouts (meeting_id, side_key, lang) where state <> 'published';
create unique index readouts_published on readouts (meeting_id, side_key, lang, published_number)
  where published_number is not null;
create index readouts_dialogue on readouts (dialogue_id);

-- A published readout never changes, and is never deleted.
create function readouts_frozen() returns trigger language plpgsql as $$
begin
  if old.state = 'published' then
    raise exception 'readout % is published and frozen', old.id using errcode = 'check_violation';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end
$$;
create trigger readouts_frozen before update or delete on readouts
  for each row execute function readouts_frozen();
