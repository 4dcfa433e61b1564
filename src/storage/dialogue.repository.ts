/** Reads of dialogues with their names, sides, people and principles. */
import { sql, type Kysely } from 'kysely';
import type { Viewer } from '../domain/access/viewer.js';
import type { DialogueReader, DialogueSummary } from '../domain/ports.js';
import type { Dialogue, DialogueName, Established, Person, Principle, Side } from '../domain/records.js';
import type { Text } from '../domain/text.js';
import type { Level, PrincipleKind } from '../domain/vocabulary.js';
import type { Database } from './database.js';
import { visibleTo } from './access.js';
import { compact, iso, meta, opt } from './mappers.js';

export function createDialogueRepository(db: Kysely<Database>): DialogueReader {
  return {
    async list(viewer: Viewer): Promise<DialogueSummary[]> {
      const rows = await db
        .selectFrom('dialogues')
        .where(visibleTo(viewer, 'dialogues', 'dialogues.id'))
        .select(['id', 'key', 'level', 'updated_at'])
        .select((eb) => [
          eb
            .selectFrom('meetings')
            .whereRef('meetings.dialogue_id', '=', 'dialogues.id')
            .where(visibleTo(viewer, 'meetings', 'meetings.dialogue_id'))
            .select(sql<number>`count(*)::int`.as('n'))
            .as('meeting_count'),
          eb
            .selectFrom('issues')
            .whereRef('issues.dialogue_id', '=', 'dialogues.id')
            .where(visibleTo(viewer, 'issues', 'issues.dialogue_id'))
            .select(sql<number>`count(*)::int`.as('n'))
            .as('issue_count'),
        ])
        .orderBy('seq')
        .execute();
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const [names, sides, last] = await Promise.all([
        db
          .selectFrom('dialogue_names')
          .where('dialogue_id', 'in', ids)
          .where(visibleTo(viewer, 'dialogue_names', 'dialogue_names.dialogue_id'))
          .select(['dialogue_id', 'side_key', 'text'])
          .orderBy('position')
          .execute(),
        db
          .selectFrom('sides')
          .where('dialogue_id', 'in', ids)
          .where(visibleTo(viewer, 'sides', 'sides.dialogue_id'))
          .select(['dialogue_id', 'key', 'country', 'agency'])
          .orderBy('position')
          .execute(),
        db
          .selectFrom('meetings')
          .where('dialogue_id', 'in', ids)
          .where(visibleTo(viewer, 'meetings', 'meetings.dialogue_id'))
          .select(['dialogue_id', 'number', 'starts_on'])
          .orderBy('number', 'desc')
          .execute(),
      ]);
      return rows.map((r) => {
        const lastMeeting = last.find((m) => m.dialogue_id === r.id);
        return compact({
          id: r.id,
          key: r.key,
          level: r.level as Level,
          names: names.filter((n) => n.dialogue_id === r.id).map((n) => ({ side: n.side_key, text: n.text as Text })),
          sides: sides
            .filter((s) => s.dialogue_id === r.id)
            .map((s) => ({ key: s.key, country: s.country, agency: s.agency as Text })),
          meetingCount: Number(r.meeting_count ?? 0),
          issueCount: Number(r.issue_count ?? 0),
          lastMeeting: lastMeeting ? { number: lastMeeting.number, date: lastMeeting.starts_on } : undefined,
          updatedAt: iso(r.updated_at),
        });
      });
    },

    async get(viewer: Viewer, key: string): Promise<Dialogue | undefined> {
      const row = await db
        .selectFrom('dialogues')
        .where('key', '=', key)
        .where(visibleTo(viewer, 'dialogues', 'dialogues.id'))
        .selectAll()
        .executeTakeFirst();
      if (!row) return undefined;
      const [names, sides, people, principles] = await Promise.all([
        db
          .selectFrom('dialogue_names')
          .where('dialogue_id', '=', row.id)
          .where(visibleTo(viewer, 'dialogue_names', 'dialogue_names.dialogue_id'))
          .selectAll()
          .orderBy('position')
          .execute(),
        db
          .selectFrom('sides')
          .where('dialogue_id', '=', row.id)
          .where(visibleTo(viewer, 'sides', 'sides.dialogue_id'))
          .selectAll()
          .orderBy('position')
          .execute(),
        db
          .selectFrom('people')
          .where('dialogue_id', '=', row.id)
          .where(visibleTo(viewer, 'people', 'people.dialogue_id'))
          .selectAll()
          .orderBy('position')
          .execute(),
        db
          .selectFrom('principles')
          .where('dialogue_id', '=', row.id)
          .where(visibleTo(viewer, 'principles', 'principles.dialogue_id'))
          .selectAll()
          .orderBy('position')
          .execute(),
      ]);
      return compact({
        ...meta(row),
        key: row.key,
        level: row.level as Level,
        cadence: opt<Text>(row.cadence),
        mandate: opt<Text>(row.mandate),
        established: opt<Established>(row.established),
        names: names.map((n): DialogueName => ({ side: n.side_key, text: n.text as Text })),
        sides: sides.map((s): Side =>
          compact({
            key: s.key,
            country: s.country,
            agency: s.agency as Text,
            pressContact: opt<Side['pressContact']>(s.press_contact),
            about: opt<Text>(s.about),
          }),
        ),
        people: people.map((p): Person => ({
          key: p.key,
          side: p.side_key,
          name: p.name as Text,
          title: p.title as Text,
        })),
        principles: principles.map((p): Principle => ({
          side: p.side_key,
          kind: p.kind as PrincipleKind,
          topic: p.topic,
          text: p.text as Text,
        })),
      });
    },

    async isEmpty(): Promise<boolean> {
      const row = await db.selectFrom('dialogues').select('id').limit(1).executeTakeFirst();
      return row === undefined;
    },
  };
}
