-- Issue 7, continued: a saved search can be changed (PATCH /api/v1/me/searches/:id:
-- its name, its alert, its query). Like every other record that is changed in
-- place, it carries a version, sent as its ETag and expected back in If-Match,
-- so that a change made from a stale copy (another tab, another device) is
-- refused with 412 instead of silently undoing the newer one.
alter table saved_searches add column version integer not null default 1;
