/** The meeting cycle's own tables (migrations/0004_meeting_cycle.sql) in SQL. */
import { sql, type Kysely } from 'kysely';
import type {
  AgendaItemRow,
  AgendaSettings,
  CycleStore,
  OutcomeUpdateRow,
  Rag,
} from '../domain/meetings/cycle.ports.js';
import type { Text } from '../domain/text.js';
import { appendAudit } from './audit.repository.js';
import type { Database } from './database.js';
import { iso } from './mappers.js';
import { refreshSearchOf } from './search.indexer.js';

interface AgendaRow {
  meeting_id: string;
  cutoff_on: string | null;
  agreed_by: string[];
  version: number;
}

function settings(r: AgendaRow): AgendaSettings {
  return { meetingId: r.meeting_id, cutoff: r.cutoff_on, agreedBy: r.agreed_by, version: r.version };
}

interface UpdateRow {
  id: string;
  outcome_id: string;
  side_key: string;
  on_date: string;
  rag: Rag;
  text: Text | null;
  evidence: string[];
  status_from: string | null;
  status_to: string | null;
  meeting_id: string | null;
  meeting_number: number | null;
  created_at: Date;
}

function update(r: UpdateRow): OutcomeUpdateRow {
  return {
    id: r.id,
    outcomeId: r.outcome_id,
    side: r.side_key,
    date: r.on_date,
    rag: r.rag,
    text: r.text,
    evidence: r.evidence,
    statusFrom: r.status_from,
    statusTo: r.status_to,
    meetingId: r.meeting_id,
    meeting: r.meeting_number,
    createdAt: iso(r.created_at),
  };
}

export function createCycleRepository(db: Kysely<Database>): CycleStore {
  return {
    async agenda(meetingId) {
      const r = await sql<AgendaRow>`select meeting_id, cutoff_on, agreed_by, version from meeting_agendas
        where meeting_id = ${meetingId}`.execute(db);
      return r.rows[0] ? settings(r.rows[0]) : undefined;
    },
    async saveAgenda(meetingId, change) {
      const cutoffGiven = change.cutoff !== undefined;
      const agreedGiven = change.agreedBy !== undefined;
      const r = await sql<AgendaRow>`insert into meeting_agendas (meeting_id, cutoff_on, agreed_by)
        values (${meetingId}, ${change.cutoff ?? null}, ${JSON.stringify(change.agreedBy ?? [])}::jsonb)
        on conflict (meeting_id) do update set
          cutoff_on = case when ${cutoffGiven} then excluded.cutoff_on else meeting_agendas.cutoff_on end,
          agreed_by = case when ${agreedGiven} then excluded.agreed_by else meeting_agendas.agreed_by end,
          version = meeting_agendas.version + 1, updated_at = now()
        returning meeting_id, cutoff_on, agreed_by, version`.execute(db);
      return settings(r.rows[0]!);
    },
    async items(meetingId) {
      const r = await sql<{
        id: string;
        meeting_id: string;
        issue_id: string;
        key: string;
        side_key: string;
        position: number;
        status: AgendaItemRow['status'];
        joint: boolean;
        late: boolean;
        version: number;
        created_at: Date;
      }>`select a.id, a.meeting_id, a.issue_id, i.key, a.side_key, a.position, a.status, a.joint, a.late,
          a.version, a.created_at
        from agenda_items a join issues i on i.id = a.issue_id
        where a.meeting_id = ${meetingId} order by a.position`.execute(db);
      return r.rows.map((x) => ({
        id: x.id,
        meetingId: x.meeting_id,
        issueId: x.issue_id,
        issue: x.key,
        side: x.side_key,
        position: x.position,
        status: x.status,
        joint: x.joint,
        late: x.late,
        version: x.version,
        createdAt: iso(x.created_at),
      }));
    },
    async addItem(row) {
      const r = await sql<{
        id: string;
      }>`insert into agenda_items (meeting_id, issue_id, side_key, position, joint, late)
        values (${row.meetingId}, ${row.issueId}, ${row.side},
          (select coalesce(max(position), 0) + 1 from agenda_items where meeting_id = ${row.meetingId}),
          ${row.joint}, ${row.late})
        returning id`.execute(db);
      return r.rows[0]!.id;
    },
    async updateItem(id, change) {
      await sql`update agenda_items set
          status = coalesce(${change.status ?? null}, status),
          joint = coalesce(${change.joint ?? null}::boolean, joint),
          version = version + 1, updated_at = now()
        where id = ${id}`.execute(db);
    },
    async lockItem(id) {
      const r = await sql<{ version: number }>`select version from agenda_items where id = ${id} for update`.execute(
        db,
      );
      return r.rows[0]?.version;
    },
    async briefings(itemIds) {
      if (itemIds.length === 0) return [];
      const r = await sql<{ agenda_item_id: string; owner_side: string; notes: string | null; stance: string | null }>`
        select agenda_item_id, owner_side, notes, stance from agenda_briefings
        where agenda_item_id in (${sql.join(itemIds)})`.execute(db);
      return r.rows.map((x) => ({ itemId: x.agenda_item_id, side: x.owner_side, notes: x.notes, stance: x.stance }));
    },
    async saveBriefing(itemId, side, notes, stance) {
      await sql`insert into agenda_briefings (agenda_item_id, owner_side, notes, stance)
        values (${itemId}, ${side}, ${notes}, ${stance})
        on conflict (agenda_item_id) do update set notes = excluded.notes, stance = excluded.stance,
          version = agenda_briefings.version + 1, updated_at = now()`.execute(db);
    },
    async resolutions(issueId) {
      const r = await sql<{ side_key: string; resolved: boolean; reason: string; at: Date }>`
        select side_key, resolved, reason, at from issue_resolutions where issue_id = ${issueId}
        order by side_key`.execute(db);
      return r.rows.map((x) => ({ side: x.side_key, resolved: x.resolved, reason: x.reason, at: iso(x.at) }));
    },
    async saveResolution(issueId, side, resolved, reason) {
      await sql`insert into issue_resolutions (issue_id, side_key, resolved, reason)
        values (${issueId}, ${side}, ${resolved}, ${reason})
        on conflict (issue_id, side_key) do update set resolved = excluded.resolved, reason = excluded.reason,
          at = now()`.execute(db);
    },
    async outcomeUpdates(outcomeIds) {
      if (outcomeIds.length === 0) return [];
      const r = await sql<UpdateRow>`select u.id, u.outcome_id, u.side_key, u.on_date, u.rag, u.text, u.evidence,
          u.status_from, u.status_to, u.meeting_id, m.number as meeting_number, u.created_at
        from outcome_updates u left join meetings m on m.id = u.meeting_id
        where u.outcome_id in (${sql.join(outcomeIds)})
        order by u.on_date, u.created_at`.execute(db);
      return r.rows.map(update);
    },
    async addOutcomeUpdate(row) {
      const r = await sql<UpdateRow>`with u as (insert into outcome_updates
          (outcome_id, side_key, on_date, rag, text, evidence, status_from, status_to, meeting_id)
        values (${row.outcomeId}, ${row.side}, ${row.date}, ${row.rag},
          ${row.text === null ? null : JSON.stringify(row.text)}::jsonb, ${JSON.stringify(row.evidence)}::jsonb,
          ${row.statusFrom}, ${row.statusTo}, ${row.meetingId})
        returning *)
        select u.id, u.outcome_id, u.side_key, u.on_date, u.rag, u.text, u.evidence, u.status_from, u.status_to,
          u.meeting_id, m.number as meeting_number, u.created_at
        from u left join meetings m on m.id = u.meeting_id`.execute(db);
      // The outcome's search document holds the texts of its progress updates.
      await refreshSearchOf(db, { outcomes: [row.outcomeId] });
      return update(r.rows[0]!);
    },
    async audit(actor, input) {
      await appendAudit(db, actor, input);
    },
  };
}
