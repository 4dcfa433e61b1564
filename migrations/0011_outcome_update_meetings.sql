-- Issue 5: an outcome comes up at more meetings than the one that agreed it.
-- A progress update may be recorded at a meeting (the sides reviewed it
-- there); the outcomes register lists those meetings with the one whose
-- accounts reported the outcome.
alter table outcome_updates add column meeting_id uuid references meetings (id);
create index outcome_updates_meeting on outcome_updates (meeting_id) where meeting_id is not null;
