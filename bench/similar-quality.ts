/**
 * How well duplicate finding works (issue 4, acceptance 2), on the labelled set
 * bench/data/similar-pairs.json: precision and recall of "same problem" at the
 * default threshold over every labelled pair, and the top-5 hit rate: each
 * "same" pair's first report is a query against every other report of the set,
 * and a hit is its partner among the five best. Figures per language pair.
 *
 * Pure computation (no database): the same `features` and `similarity` the
 * server uses, with the same Chinese segmentation. Deterministic: ties are
 * broken by report id.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { features, similarity, SIMILAR_THRESHOLD, type Features } from '../src/domain/reports/similar.js';
import { chineseTokens } from '../src/storage/segment.js';

export const DATASET_FILE = fileURLToPath(new URL('./data/similar-pairs.json', import.meta.url));

export type LanguagePair = 'en-en' | 'zh-zh' | 'en-zh';
export type Subset = 'development' | 'blind' | 'whole';
export const LANGUAGE_PAIRS: readonly LanguagePair[] = ['en-en', 'zh-zh', 'en-zh'];

export interface LabelledReport {
  id: string;
  language: 'en' | 'zh';
  text: string;
  products?: string[];
}

export interface SimilarDataset {
  about: string;
  problems: { id: string; title: string; batch: 1 | 2 | 3; reports: LabelledReport[] }[];
  pairs: { a: string; b: string; label: 'same' | 'different'; languages: LanguagePair; blind?: boolean }[];
}

export interface QualityFigures {
  languages: LanguagePair | 'all';
  /**
   * Which pairs: `development` (batches 1 and 2, which the glossary and weights were shaped with: the figures of
   * the acceptance), `blind` (batch 3, written afterwards and never used to change anything), or `whole` (both).
   */
  subset: Subset;
  pairs: number;
  same: number;
  different: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** "Same" pairs used as top-5 queries (all of them). */
  queries: number;
  top5Hits: number;
  top5: number;
  /** Pairs the measure got wrong, for reading (a, b, label, score). */
  misses: { a: string; b: string; label: string; score: number }[];
}

export function loadSimilarDataset(file = DATASET_FILE): SimilarDataset {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SimilarDataset;
}

export type Featurize = (text: string, products: readonly string[]) => Features;

/** What the server does: the domain's features with jieba's words. */
export const serverFeatures: Featurize = (text, products) => features(text, products, chineseTokens);

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);

export function measureSimilarity(
  dataset: SimilarDataset,
  featurize: Featurize = serverFeatures,
  threshold = SIMILAR_THRESHOLD,
): QualityFigures[] {
  const reports = dataset.problems.flatMap((p) => p.reports);
  const byId = new Map(reports.map((r) => [r.id, r]));
  const feats = new Map(reports.map((r) => [r.id, featurize(r.text, r.products ?? [])]));
  const score = (a: string, b: string) => similarity(feats.get(a)!, feats.get(b)!).score;
  for (const p of dataset.pairs) {
    if (!byId.has(p.a) || !byId.has(p.b)) throw new Error(`pair ${p.a} ~ ${p.b}: no such report`);
  }
  /** The ids of the five reports most similar to `query`, best first (ties by id). */
  const top5 = (query: string) =>
    reports
      .filter((r) => r.id !== query)
      .map((r) => ({ id: r.id, s: score(query, r.id) }))
      .sort((x, y) => y.s - x.s || (x.id < y.id ? -1 : 1))
      .slice(0, 5)
      .map((r) => r.id);

  const figures = (languages: LanguagePair | 'all', subset: Subset): QualityFigures => {
    const pairs = dataset.pairs.filter(
      (p) =>
        (languages === 'all' || p.languages === languages) &&
        (subset === 'whole' || (subset === 'blind') === (p.blind === true)),
    );
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let hits = 0;
    const misses: QualityFigures['misses'] = [];
    for (const p of pairs) {
      const s = score(p.a, p.b);
      const predicted = s >= threshold;
      if (predicted && p.label === 'same') tp++;
      else if (predicted) fp++;
      else if (p.label === 'same') fn++;
      if (predicted !== (p.label === 'same')) misses.push({ a: p.a, b: p.b, label: p.label, score: s });
      if (p.label === 'same') {
        if (top5(p.a).includes(p.b)) hits++;
        else misses.push({ a: p.a, b: p.b, label: 'not in top 5', score: s });
      }
    }
    const same = pairs.filter((p) => p.label === 'same').length;
    return {
      languages,
      subset,
      pairs: pairs.length,
      same,
      different: pairs.length - same,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      queries: same,
      top5Hits: hits,
      top5: ratio(hits, same),
      misses,
    };
  };
  return (['development', 'blind', 'whole'] as const).flatMap((subset) => [
    ...LANGUAGE_PAIRS.map((l) => figures(l, subset)),
    figures('all', subset),
  ]);
}

/** The figures as a text table. */
export function qualityTable(figures: readonly QualityFigures[], threshold = SIMILAR_THRESHOLD): string {
  const headers = [
    'set',
    'pairs',
    'labelled',
    'same/different',
    `precision @${threshold}`,
    `recall @${threshold}`,
    'top-5 hit rate',
  ];
  const rows = figures.map((f) => [
    f.subset,
    f.languages,
    String(f.pairs),
    `${f.same}/${f.different}`,
    f.precision.toFixed(3),
    f.recall.toFixed(3),
    `${f.top5.toFixed(3)} (${f.top5Hits}/${f.queries})`,
  ]);
  const cells = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
}

if (isMain()) {
  const figures = measureSimilarity(loadSimilarDataset());
  console.log(qualityTable(figures));
  if (process.argv.includes('--misses')) {
    for (const f of figures.filter((x) => x.languages !== 'all' && x.subset === 'whole'))
      for (const m of f.misses) console.log(`${f.languages} ${m.label} ${m.score} ${m.a} ~ ${m.b}`);
  }
}
