/** Issue 4, acceptance 6: the Harmonized System import and search. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ValidationError } from '../src/domain/errors.js';
import { parseCsv, parseHsCsv } from '../src/domain/taxonomy/hs.js';
import { cli, cliStorage } from './helpers/cli.js';
import { testApp, type TestApp } from './helpers/app.js';

export const HS_CSV = new URL('../../shared/data/harmonized-system/harmonized-system.csv', import.meta.url);
const HS_FILE = HS_CSV.pathname;

describe('parsing the nomenclature', () => {
  it('reads quoted fields with commas and doubled quotes', () => {
    assert.deepEqual(
      parseCsv('a,"b, c","say ""hi"""\r\nd,e,f\n').map((r) => r.fields),
      [
        ['a', 'b, c', 'say "hi"'],
        ['d', 'e', 'f'],
      ],
    );
  });

  it('reads the 6,940 rows of the shared file, parents before children', () => {
    const entries = parseHsCsv(fs.readFileSync(HS_CSV, 'utf8'));
    assert.equal(entries.length, 6940);
    const byCode = new Map(entries.map((e) => [e.code, e]));
    assert.deepEqual(byCode.get('854143'), {
      code: '854143',
      section: 'XVI',
      description: byCode.get('854143')!.description,
      parent: '8541',
      level: 6,
    });
    assert.equal(byCode.get('8541')!.parent, '85');
    assert.equal(byCode.get('85')!.parent, 'TOTAL');
    assert.equal(byCode.get('TOTAL')!.parent, null);
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.parent) assert.ok(seen.has(e.parent), `${e.parent} comes before ${e.code}`);
      seen.add(e.code);
    }
  });

  it('names every malformed row by its line number and keeps nothing', () => {
    const csv = [
      'section,hscode,description,parent,level',
      'TOTAL,TOTAL,Total,TOTAL,5',
      'I,01,Animals; live,TOTAL,2',
      'I,0101,"Horses, asses",01,4',
      'I,010121,Horses; pure-bred,0102,6', // 5: wrong parent
      'I,01012,Short code,0101,6', // 6: five digits
      'I,010129,,0101,6', // 7: no description
      'I,010130,Too,many,fields,6', // 8
      'I,0101,"Horses again",01,4', // 9: duplicate
      'I,010190,Other,0101,8', // 10: bad level
    ].join('\n');
    assert.throws(
      () => parseHsCsv(csv),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError);
        assert.deepEqual(
          err.problems.map((p) => p.pointer),
          ['/lines/5', '/lines/6', '/lines/7', '/lines/8', '/lines/9', '/lines/10'],
        );
        assert.match(err.problems[0]!.message, /parent of 010121 must be "0101"/);
        return true;
      },
    );
    assert.throws(() => parseHsCsv('code,text\n01,x\n'), /header/);
  });
});

describe('parley taxonomy import-hs', () => {
  let storage: Awaited<ReturnType<typeof cliStorage>>;
  before(async () => {
    storage = await cliStorage();
  });
  after(async () => {
    await storage.cleanup();
  });

  it('loads the file, links the levels, and a re-import changes nothing', async () => {
    const first = await cli(['taxonomy', 'import-hs', HS_FILE], storage.env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /6940 codes read; 6940 added, 0 changed, 0 unchanged/);
    const again = await cli(['taxonomy', 'import-hs', HS_FILE], storage.env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /6940 codes read; 0 added, 0 changed, 6940 unchanged/);
  });

  it('refuses a malformed file, naming the lines, and imports nothing of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-hs-'));
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      'section,hscode,description,parent,level\nTOTAL,TOTAL,Total,TOTAL,5\nI,99,New chapter,TOTAL,2\nI,9901,x,98,4\n',
    );
    const res = await cli(['taxonomy', 'import-hs', file], storage.env);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /line 4: parent of 9901 must be "99"/);
    assert.match(res.stderr, /nothing was imported/);
  });

  it('names a file it cannot read, and why', async () => {
    const missing = path.join(os.tmpdir(), 'parley-no-such-nomenclature.csv');
    const res = await cli(['taxonomy', 'import-hs', missing], storage.env);
    assert.equal(res.code, 1);
    assert.equal(res.stderr.trim(), `parley taxonomy: cannot read ${missing}: no such file`);
    const folder = await cli(['taxonomy', 'import-hs', os.tmpdir()], storage.env);
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /cannot read .*: it is a folder, not a file/);
  });

  it('tells how to use it', async () => {
    const res = await cli(['taxonomy'], storage.env);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /import-hs FILE/);
  });
});

describe('GET /api/v1/taxonomy/hs', () => {
  let h: TestApp;
  before(async () => {
    h = await testApp({ demo: false });
    await h.t.store.taxonomy.importHs(parseHsCsv(fs.readFileSync(HS_CSV, 'utf8')));
  });
  after(async () => {
    await h?.close();
  });

  const search = async (q: string) => {
    const res = await h.app.inject({ url: `/api/v1/taxonomy/hs?q=${encodeURIComponent(q)}&limit=100` });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { code: string; parent: string | null }[] }).items;
  };

  it('links subheadings to headings and headings to chapters', async () => {
    const counts = await sql<{ level: number; n: string; orphans: string }>`
      select c.level, count(*) as n, count(*) filter (where c.level > 0 and p.code is null) as orphans
      from hs_codes c left join hs_codes p on p.code = c.parent group by c.level order by c.level`.execute(h.t.db);
    assert.deepEqual(
      counts.rows.map((r) => [Number(r.level), Number(r.n), Number(r.orphans)]),
      [
        [0, 1, 0],
        [2, 97, 0],
        [4, 1229, 0],
        [6, 5613, 0],
      ],
    );
  });

  it('finds codes by prefix, with or without the dot', async () => {
    assert.deepEqual(
      (await search('8541')).map((i) => i.code),
      [
        '8541',
        '854110',
        '854121',
        '854129',
        '854130',
        '854141',
        '854142',
        '854143',
        '854149',
        '854151',
        '854159',
        '854160',
        '854190',
      ],
    );
    assert.deepEqual(
      (await search('8541.4')).map((i) => i.code),
      ['854141', '854142', '854143', '854149'],
    );
  });

  it('finds codes by words: photovoltaic finds 8541.42 and 8541.43', async () => {
    const codes = (await search('photovoltaic')).map((i) => i.code);
    assert.ok(codes.includes('854142') && codes.includes('854143'), codes.join());
    const both = (await search('photovoltaic cells panels')).map((i) => i.code);
    assert.ok(both.includes('854143'), both.join());
  });

  it('answers an empty list for nothing to search, and anyone may ask', async () => {
    assert.deepEqual(await search(''), []);
    assert.deepEqual(await search('zzzzqqq'), []);
  });
});
