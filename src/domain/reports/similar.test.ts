import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BROADER, GLOSSARY } from './glossary.js';
import { SimilarIndex } from './similar-index.js';
import { features, FEATURES_VERSION, norm, similarity, type Segmenter } from './similar.js';
import { spelling, stem } from './stem.js';

/** A stand-in segmenter: splits on a marker, as jieba would cut. Real jieba is used in the bench and storage tests. */
const cut: Segmenter = (text) => text.split('|');

describe('English normalisation', () => {
  it('makes British and American spellings and inflections one', () => {
    assert.equal(stem(spelling('licences')), stem(spelling('license')));
    assert.equal(stem(spelling('licensing')), stem('licensed'));
    assert.equal(stem(spelling('aluminium')), 'aluminum');
    assert.equal(stem(spelling('localisation')), stem('localization'));
    assert.equal(stem('tariffs'), 'tariff');
    assert.equal(stem('investigations'), stem('investigation'));
  });

  it('follows Porter on the published examples', () => {
    const cases: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      motoring: 'motor',
      hopping: 'hop',
      relational: 'relat',
      conditional: 'condit',
      effective: 'effect',
      adjustment: 'adjust',
      controll: 'control',
    };
    for (const [word, expected] of Object.entries(cases)) assert.equal(stem(word), expected, word);
  });
});

describe('the glossary', () => {
  it('has unique ids and wordings, and broader concepts that exist', () => {
    const ids = new Set<string>();
    const en = new Set<string>();
    const zh = new Set<string>();
    for (const t of GLOSSARY) {
      assert.ok(!ids.has(t.id), `duplicate id ${t.id}`);
      ids.add(t.id);
      assert.ok(t.en.length > 0 && t.zh.length > 0, `${t.id} has both languages`);
      for (const w of t.en) {
        assert.ok(!en.has(w), `English wording "${w}" is in two concepts`);
        en.add(w);
      }
      for (const w of t.zh) {
        assert.ok(!zh.has(w), `Chinese wording "${w}" is in two concepts`);
        zh.add(w);
      }
    }
    for (const [narrow, broad] of Object.entries(BROADER)) {
      assert.ok(ids.has(narrow), narrow);
      for (const b of broad) assert.ok(ids.has(b), `${narrow} → ${b}`);
    }
  });
});

describe('features and similarity', () => {
  it('a Chinese report about 跨境数据流动 meets the English issue "Cross-border data flows", explained', () => {
    const report = features('我们|无法|将|客户|数据|传回|总部|，|跨境数据流动|的|审批|要求|不|明确。', [], cut);
    const issue = features('Cross-border data flows');
    const s = similarity(report, issue);
    assert.ok(s.score > 0.2, String(s.score));
    assert.deepEqual(s.why, ['term: cross-border data flows / 跨境数据流动']);
  });

  it('the longest wording wins, and names its broader concept', () => {
    const f = features('Countervailing duties on our exports; 海关估价 disputes.');
    assert.ok(f.weights.has('c:countervailing'));
    assert.ok(!f.weights.has('c:tariffs'), '"duties" is part of "countervailing duties"');
    assert.ok(f.weights.has('c:trade-remedy-investigation'), 'a countervailing duty is a trade remedy');
    assert.ok(f.weights.has('c:customs-valuation'));
    assert.ok(f.weights.has('c:customs'), 'customs valuation is a customs matter');
    assert.ok(!f.weights.has('w:countervail'), 'words inside a concept are not counted again');
    assert.ok(f.weights.has('w:export') && f.weights.has('w:disput'));
  });

  it('HS codes count as the subheading and its heading', () => {
    const s = similarity(
      features('Modules held at the border.', ['854142']),
      features('Solar overcapacity', ['854143']),
    );
    assert.ok(s.why.includes('HS 8541'));
    assert.ok(!s.why.includes('HS 854142'));
  });

  it('scores are symmetric, between 0 and 1, and 1 for the same text', () => {
    const a = features('Export licences for gallium are delayed by months.');
    const b = features('镓出口许可审批缓慢。', [], (t) => [t]);
    assert.equal(similarity(a, b).score, similarity(b, a).score);
    assert.equal(similarity(a, a).score, 1);
    assert.equal(similarity(a, features('')).score, 0);
  });

  it('the features version changes with the glossary', () => {
    assert.match(FEATURES_VERSION, /^[0-9a-f]{16}$/);
  });
});

describe('the in-memory index', () => {
  const texts: Record<string, string> = {
    a: 'Export licences for gallium take months; our wafer plant is short of material.',
    b: 'Gallium export licensing delays hit our compound semiconductor wafers.',
    c: 'Section 232 tariffs on aluminium extrusions.',
    d: 'Trademark squatting by a local company.',
  };
  const record = (id: string, sideKey: string | null = 'us') => {
    const f = features(texts[id]!);
    return { kind: 'report' as const, id, sideKey, keys: [...f.weights.keys()], norm: norm(f) };
  };

  it('scores exactly what scoring every record scores, best first, and only what is accepted', () => {
    const index = new SimilarIndex();
    index.upsert(['a', 'b', 'c', 'd'].map((id) => record(id)));
    const query = features('Our gallium export licence has been pending for months.');
    const hits = index.search(query, { side: 'us' }, 10);
    const brute = ['a', 'b', 'c', 'd']
      .map((id) => ({ id, score: similarity(query, features(texts[id]!)).score }))
      .filter((h) => h.score > 0)
      .sort((x, y) => y.score - x.score);
    assert.deepEqual(
      hits.map((h) => [h.id, Math.round(h.score * 1000) / 1000]),
      brute.map((h) => [h.id, h.score]),
    );
    assert.deepEqual(
      index.search(query, { side: 'us', exclude: 'a' }, 10).map((h) => h.id),
      brute.map((h) => h.id).filter((id) => id !== 'a'),
    );
    assert.equal(index.search(query, { side: 'us' }, 1).length, 1);
    assert.deepEqual(index.search(query, { side: 'cn' }, 10), [], 'reports of another side are not returned');
  });

  it('a record written again replaces the earlier one', () => {
    const index = new SimilarIndex();
    index.upsert([record('a'), record('c')]);
    const f = features(texts.d!);
    index.upsert([{ kind: 'report', id: 'a', sideKey: 'us', keys: [...f.weights.keys()], norm: norm(f) }]);
    assert.equal(index.size, 2);
    const hits = index.search(features('trademark squatting'), { side: 'us' }, 10);
    assert.deepEqual(
      hits.map((h) => h.id),
      ['a'],
    );
    assert.deepEqual(
      index.search(features('gallium export licences'), { side: 'us' }, 10).map((h) => h.id),
      [],
    );
  });
});
