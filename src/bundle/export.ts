/**
 * Exports a dialogue as a parley-dialogue/1 bundle, holding exactly what the
 * viewer may see: an issue the viewer may not see is absent, and so are the
 * raisings of it in accounts.
 */
import type { Viewer } from '../domain/access/viewer.js';
import { NotFoundError } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import type { AccountFields, Bundle, BundleMeeting, IssueFields } from '../domain/records.js';
import { decodeCursor } from '../domain/pagination.js';
import { BUNDLE_FORMAT } from './schema.js';

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export async function exportBundle(store: Store, viewer: Viewer, dialogueKey: string): Promise<Bundle> {
  const dialogue = await store.dialogues.get(viewer, dialogueKey);
  if (!dialogue) throw new NotFoundError('dialogue', dialogueKey);

  const issues: IssueFields[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await store.issues.list(viewer, { dialogue: dialogueKey }, { limit: 1000, after });
    for (const i of page.items) {
      issues.push(
        defined({
          key: i.key,
          title: i.title,
          summary: i.summary,
          raisedBy: i.raisedBy,
          respondent: i.respondent,
          category: i.category,
          topics: i.topics,
          sectors: i.sectors,
          products: i.products,
          economies: i.economies,
          regions: i.regions,
          status: i.status,
          visibility: i.visibility,
          owner: i.owner,
        }),
      );
    }
    if (!page.nextCursor) break;
    after = decodeCursor(page.nextCursor);
  }

  const meetings: BundleMeeting[] = [];
  for (const m of await store.meetings.list(viewer, dialogueKey)) {
    const accounts = await store.meetings.accounts(viewer, dialogueKey, m.number);
    meetings.push(
      defined({
        key: m.key,
        number: m.number,
        date: m.date,
        endDate: m.endDate,
        format: m.format,
        place: m.place,
        host: m.host,
        chairs: m.chairs,
        participants: m.participants,
        accounts: accounts.map((a): AccountFields =>
          defined({
            side: a.side,
            published: a.published,
            source: a.source,
            raised: a.raised,
            outcomes: a.outcomes.map((o) =>
              defined({ key: o.key, kind: o.kind, title: o.title, owners: o.owners, due: o.due, status: o.status }),
            ),
            nextMeeting: a.nextMeeting,
            notes: a.notes,
          }),
        ),
      }),
    );
  }

  return {
    format: BUNDLE_FORMAT,
    dialogue: defined({
      key: dialogue.key,
      names: dialogue.names,
      level: dialogue.level,
      cadence: dialogue.cadence,
      mandate: dialogue.mandate,
      established: dialogue.established,
      sides: dialogue.sides,
      people: dialogue.people,
      principles: dialogue.principles,
    }),
    issues,
    meetings,
  };
}
