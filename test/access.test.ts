/**
 * The tier rule is written twice: in the domain (`canSee`, for records in
 * memory) and in SQL (storage/access.ts, for queries). This test holds the
 * two equal for every viewer, tier and owner, on the real database.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { canSee, PUBLIC_VIEWER, SYSTEM_VIEWER, sideViewer, type Viewer } from '../src/domain/access/viewer.js';
import { VISIBILITIES } from '../src/domain/vocabulary.js';
import { visibleTo } from '../src/storage/access.js';
import { testDatabase, type TestDatabase } from './helpers/db.js';

let t: TestDatabase;
before(async () => {
  t = await testDatabase();
});
after(async () => {
  await t.close();
});

it('the SQL filter and canSee agree for every viewer, tier and owner', async () => {
  const db = t.db;
  const dialogue = await db
    .insertInto('dialogues')
    .values({ key: 'access-check', level: 'technical' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, side] of ['a', 'b'].entries()) {
    await db
      .insertInto('sides')
      .values({
        dialogue_id: dialogue.id,
        key: side,
        position: i,
        country: side === 'a' ? 'US' : 'CN',
        agency: JSON.stringify({ en: side }),
        owner_side: side,
      })
      .execute();
  }
  const owners = ['a', 'b'] as const;
  let n = 0;
  const rows: { key: string; visibility: (typeof VISIBILITIES)[number]; owner: string }[] = [];
  for (const visibility of VISIBILITIES) {
    for (const owner of owners) {
      const key = `issue-${n++}`;
      rows.push({ key, visibility, owner });
      await db
        .insertInto('issues')
        .values({
          dialogue_id: dialogue.id,
          key,
          position: n,
          title: JSON.stringify({ en: key }),
          raised_by: owner,
          respondent: owner === 'a' ? 'b' : 'a',
          category: 'other',
          status: 'open',
          visibility,
          owner_side: owner,
        })
        .execute();
    }
  }
  const viewers: Viewer[] = [PUBLIC_VIEWER, SYSTEM_VIEWER, sideViewer('a'), sideViewer('b'), sideViewer('stranger')];
  for (const viewer of viewers) {
    const seen = await db
      .selectFrom('issues')
      .where('dialogue_id', '=', dialogue.id)
      .where(visibleTo(viewer, 'issues', 'issues.dialogue_id'))
      .select('key')
      .orderBy('key')
      .execute();
    const expected = rows
      .filter((r) => canSee(viewer, { visibility: r.visibility, ownerSide: r.owner }, ['a', 'b']))
      .map((r) => r.key)
      .sort();
    assert.deepEqual(
      seen.map((r) => r.key),
      expected,
      `viewer ${JSON.stringify(viewer)}`,
    );
  }
  // Spot checks of the rule itself, so that both being wrong the same way fails too.
  const count = async (viewer: Viewer) =>
    (
      await db
        .selectFrom('issues')
        .where(visibleTo(viewer, 'issues', 'issues.dialogue_id'))
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  assert.equal(await count(PUBLIC_VIEWER), 2, 'the public sees the two public issues');
  assert.equal(await count(sideViewer('a')), 5, 'side a sees public, shared and its own internal issue');
  assert.equal(await count(sideViewer('stranger')), 2, 'a side not in the dialogue sees only public issues');
  assert.equal(await count(SYSTEM_VIEWER), 6);
});
