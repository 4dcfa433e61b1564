/**
 * Issue 4, acceptance 3 (the part that is not a timing): the stored features
 * of similar reports and issues. They are written with every report and every
 * issue write, in the same transaction; a search scores every record exactly
 * as scoring them all one by one would, shows only what the side may see, and
 * sees what another process wrote; a change of the features' version rebuilds
 * them. The figures at 100,000 reports are in bench/ (npm run bench -- similar).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { importBundle } from '../src/bundle/import.js';
import { fromKeys, similarity, SIMILAR_LIMIT, SIMILAR_THRESHOLD } from '../src/domain/reports/similar.js';
import { sideViewer } from '../src/domain/access/viewer.js';
import { visibleTo } from '../src/storage/access.js';
import {
  ensureSimilarFeatures,
  issueFeatures,
  reportFeatures,
  similarIndex,
} from '../src/storage/similar.repository.js';
import { FEATURES_VERSION } from '../src/domain/reports/similar.js';
import { generateBundle } from '../bench/generate.js';
import { testApp, type TestApp } from './helpers/app.js';
import { inject, signInDemo, type Caller } from './helpers/session.js';

let h: TestApp;
const callers: Record<string, Caller> = {};

const base = {
  organisation: { name: 'Example Trading Co.', kind: 'company' },
  contact: { name: 'Pat Lee', email: 'pat.lee@example.com' },
  consent: { shareWithCounterpart: false, shareWithPublic: false },
  economy: 'CN',
};

async function file(addressedTo: string, language: 'en' | 'zh', description: string, products?: string[]) {
  const res = await inject(h.app, undefined, 'POST', '/api/v1/reports', {
    ...base,
    addressedTo,
    language,
    description,
    products,
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { reference: string }).reference;
}

interface Item {
  kind: string;
  key?: string;
  dialogue?: string;
  reference?: string;
  score: number;
  why: string[];
}

async function similar(side: string, reference: string): Promise<Item[]> {
  const res = await inject(h.app, callers[`${side}-analyst`], 'GET', `/api/v1/reports/${reference}/similar`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: Item[] }).items;
}

/** What scoring every record the side may see, one by one from its text, gives: the old way. */
async function scoreEverything(side: string, reference: string): Promise<{ name: string; score: number }[]> {
  const db = h.t.db;
  const me = (
    await sql<{ description: string; sector: string | null; products: unknown }>`
      select description, sector, products from reports where reference = ${reference}`.execute(db)
  ).rows[0]!;
  const query = reportFeatures(me);
  const viewer = sideViewer(side);
  const issues = await sql<{ key: string; title: unknown; summary: unknown; topics: unknown; products: unknown }>`
    select issues.key, issues.title, issues.summary, issues.topics, issues.products from issues
    join dialogues on dialogues.id = issues.dialogue_id
    where ${visibleTo(viewer, 'issues', 'issues.dialogue_id')} and ${visibleTo(viewer, 'dialogues', 'dialogues.id')}`.execute(
    db,
  );
  const reports = await sql<{ reference: string; description: string; sector: string | null; products: unknown }>`
    select reference, description, sector, products from reports
    where side_key = ${side} and reference <> ${reference} and status <> 'rejected'`.execute(db);
  return [
    ...issues.rows.map((i) => ({ name: `issue ${i.key}`, score: similarity(query, issueFeatures(i)).score })),
    ...reports.rows.map((r) => ({ name: `report ${r.reference}`, score: similarity(query, reportFeatures(r)).score })),
  ]
    .filter((x) => x.score >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))
    .slice(0, SIMILAR_LIMIT);
}

const name = (i: Item) => (i.kind === 'issue' ? `issue ${i.key}` : `report ${i.reference}`);
const count = async (where = sql`true`) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from similar_features where ${where}`.execute(h.t.db)).rows[0]!.n,
  );

before(async () => {
  h = await testApp();
  for (const side of ['us', 'cn']) callers[`${side}-analyst`] = await signInDemo(h.app, side, 'analyst');
});
after(async () => {
  await h?.close();
});

describe('the features are stored with the records', () => {
  it('every issue of the demo, and each report when it is received', async () => {
    const issues = Number((await sql<{ n: string }>`select count(*) as n from issues`.execute(h.t.db)).rows[0]!.n);
    assert.equal(await count(sql`kind = 'issue'`), issues);
    const before = await count(sql`kind = 'report'`);
    const ref = await file('us', 'en', 'Export licences for gallium from China take three months.');
    assert.equal(await count(sql`kind = 'report'`), before + 1);
    const row = (
      await sql<{ side_key: string; keys: string[] }>`select f.side_key, f.keys from similar_features f
        join reports r on r.id = f.record_id where r.reference = ${ref}`.execute(h.t.db)
    ).rows[0]!;
    assert.equal(row.side_key, 'us');
    assert.ok(row.keys.includes('c:export-licence') && row.keys.includes('c:critical-minerals'), row.keys.join());
  });

  it('an issue changed through the API gets new features, in the same write', async () => {
    const us = callers['us-analyst'];
    const url = '/api/v1/dialogues/us-cn-ciwg/issues/regulatory-transparency';
    const current = await inject(h.app, us, 'GET', url);
    const version = (current.json() as { version: number }).version;
    const res = await inject(
      h.app,
      us,
      'PATCH',
      url,
      {
        title: {
          en: 'Regulatory transparency and rare earth magnet export licences',
          zh: '监管透明度和稀土磁体出口许可',
        },
      },
      { 'if-match': `"${version}"` },
    );
    assert.equal(res.statusCode, 200, res.body);
    const keys = (
      await sql<{ keys: string[] }>`select f.keys from similar_features f join issues i on i.id = f.record_id
        where i.key = 'regulatory-transparency'`.execute(h.t.db)
    ).rows[0]!.keys;
    assert.ok(keys.includes('c:rare-earths') && keys.includes('c:magnets'), keys.join());
    // A report about rare earth magnets now finds it.
    const ref = await file('us', 'zh', '稀土永磁体出口需要逐单申请许可，审批周期很长。');
    assert.ok((await similar('us', ref)).some((i) => i.key === 'regulatory-transparency'));
  });

  it('an invalid write stores no features', async () => {
    const before = await count();
    const res = await inject(h.app, undefined, 'POST', '/api/v1/reports', {
      ...base,
      addressedTo: 'us',
      language: 'en',
      description: '',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(await count(), before);
  });

  it('a bundle import writes the features of every issue it creates', async () => {
    const bundle = generateBundle({ seed: 7, issues: 40, meetings: 1, dialogueKey: 'similar-import' });
    await importBundle(h.t.store, bundle);
    const n = await sql<{ n: string }>`select count(*) as n from similar_features f join issues i on i.id = f.record_id
      join dialogues d on d.id = i.dialogue_id where d.key = 'similar-import'`.execute(h.t.db);
    assert.equal(Number(n.rows[0]!.n), 40);
  });
});

describe('a search', () => {
  const texts = {
    us: [
      ['en', 'US Commerce export controls on advanced chips stop our fab from buying lithography parts.'],
      ['zh', '美国对先进芯片和半导体制造设备的出口管制，使我们无法采购光刻机备件。'],
      ['en', 'Our beef plant registration with China customs expired and containers were held at the port.'],
      ['zh', '进口食品境外生产企业注册审核缓慢，美国肉类加工厂的注册申请没有答复。'],
      ['en', 'Chinese business travellers wait months for US visas: administrative processing delays.'],
      ['en', 'Hospitals prefer domestic medical devices in procurement; our CT scanners are excluded.'],
    ],
    cn: [
      ['zh', '我公司被列入实体清单后，美国供应商停止供货。'],
      ['en', 'Section 301 tariffs on our furniture exports to the US were raised again, with no exclusions.'],
    ],
  } as const;
  const refs: Record<string, string[]> = { us: [], cn: [] };

  before(async () => {
    for (const side of ['us', 'cn'] as const) {
      for (const [language, text] of texts[side]) refs[side]!.push(await file(side, language, text));
    }
  });

  it('gives what scoring every visible record one by one gives, for every report of both sides', async () => {
    for (const side of ['us', 'cn']) {
      const all = (
        await sql<{
          reference: string;
        }>`select reference from reports where side_key = ${side} and status <> 'rejected'`.execute(h.t.db)
      ).rows;
      assert.ok(all.length >= 2);
      for (const { reference } of all) {
        const got = (await similar(side, reference)).map((i) => ({ name: name(i), score: i.score }));
        assert.deepEqual(got, await scoreEverything(side, reference), `${side} ${reference}`);
      }
    }
  });

  it('never shows what the side may not see: the other side’s internal issue and reports, rejected reports', async () => {
    // Written to match the cn side's internal issue "Visa delays for Chinese business travellers" word for word.
    const visa = await file('us', 'en', 'Visa delays for Chinese business travellers');
    const items = await similar('us', visa);
    assert.ok(!items.some((i) => i.key === 'business-visa-delays'), JSON.stringify(items));
    assert.ok(
      items.some((i) => i.reference === refs.us![4]),
      'the visible report on visas is found',
    );
    const cnItems = await similar('cn', refs.cn![0]!);
    assert.ok(
      cnItems.every((i) => i.kind === 'issue' || refs.cn!.includes(i.reference!) || !refs.us!.includes(i.reference!)),
    );
    const theirs = await scoreEverything('us', visa);
    assert.ok(!theirs.some((t) => t.name === 'issue business-visa-delays'));

    const before = await similar('us', visa);
    assert.ok(before.some((i) => i.reference === refs.us![4]));
    const rejected = await inject(h.app, callers['us-analyst'], 'POST', `/api/v1/reports/${refs.us![4]}/reject`, {
      reason: 'duplicate',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.ok(
      !(await similar('us', visa)).some((i) => i.reference === refs.us![4]),
      'a rejected report is not suggested',
    );
  });

  it('explains in either language, with the stored features', async () => {
    const items = await similar('us', refs.us![1]!);
    const en = items.find((i) => i.reference === refs.us![0]);
    assert.ok(en, JSON.stringify(items));
    assert.ok(en.why.includes('term: export controls / 出口管制'), en.why.join());
    assert.ok(en.why.includes('term: semiconductor manufacturing equipment / 半导体制造设备'), en.why.join());
  });

  it('sees what another process wrote since it last looked', async () => {
    // A second Kysely instance over the same database stands for another process with its own index.
    const other = h.t.db.withoutPlugins();
    assert.notEqual(other, h.t.db);
    const before = (await similarIndex(other)).size;
    const ref = await file('us', 'en', 'Gallium export licences from China are refused without reasons.');
    const index = await similarIndex(other);
    assert.equal(index.size, before + 1);
    const me = (await sql<{ id: string }>`select id from reports where reference = ${ref}`.execute(h.t.db)).rows[0]!;
    const hits = index.search(fromKeys(['c:critical-minerals', 'c:export-licence']), { side: 'us' }, 1000);
    assert.ok(hits.some((x) => x.id === me.id));
  });
});

describe('a new version of the features', () => {
  it('rebuilds every row when Parley starts', async () => {
    assert.equal(await ensureSimilarFeatures(h.t.db), false, 'up to date: nothing to do');
    const records = Number(
      (
        await sql<{ n: string }>`select (select count(*) from issues) + (select count(*) from reports) as n`.execute(
          h.t.db,
        )
      ).rows[0]!.n,
    );
    await sql`update similar_features_state set version = 'older'`.execute(h.t.db);
    await sql`delete from similar_features where kind = 'report'`.execute(h.t.db);
    assert.equal(await ensureSimilarFeatures(h.t.db), true);
    assert.equal(await count(), records);
    const state = (
      await sql<{ version: string; records: string }>`select version, records from similar_features_state`.execute(
        h.t.db,
      )
    ).rows[0]!;
    assert.deepEqual([state.version, Number(state.records)], [FEATURES_VERSION, records]);
  });
});
