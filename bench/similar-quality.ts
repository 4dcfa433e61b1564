/**
 * How well duplicate finding works (issue 4, acceptance 2), on the labelled set
 * of bench/data/similar-problems-{1,2,3}.json: precision and recall of "same problem" at the
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

/** The problems, in batches: 1 and 2 shaped the glossary (development), 3 was written afterwards (blind). */
export const DATASET_FILES = [1, 2, 3].map((batch) =>
  fileURLToPath(new URL(`./data/similar-problems-${batch}.json`, import.meta.url)),
);

export type LanguagePair = 'en-en' | 'zh-zh' | 'en-zh';
export type Subset = 'development' | 'blind' | 'whole';
export const LANGUAGE_PAIRS: readonly LanguagePair[] = ['en-en', 'zh-zh', 'en-zh'];

export interface LabelledReport {
  id: string;
  language: 'en' | 'zh';
  text: string;
  products?: string[];
}

export interface LabelledProblem {
  id: string;
  /** Problems of one family are on neighbouring topics: their reports make the hard "different" pairs. */
  family: string;
  title: string;
  reports: LabelledReport[];
}

export interface LabelledPair {
  a: string;
  b: string;
  label: 'same' | 'different';
  languages: LanguagePair;
  blind?: boolean;
}

export interface SimilarDataset {
  problems: (LabelledProblem & { batch: number })[];
  pairs: LabelledPair[];
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

/**
 * Reads the problems and labels the pairs, the same way every time: within each
 * problem every pair of its reports is "same" (one English–English, one
 * Chinese–Chinese, four across); for "different", each problem's reports are
 * paired with those of the next problem of its family in its batch (the hard
 * case: neighbouring topics, shared words) and with a problem of another family
 * half the batch away, in each language pair. Pairs never cross batches.
 */
export function loadSimilarDataset(files: readonly string[] = DATASET_FILES): SimilarDataset {
  const problems: SimilarDataset['problems'] = [];
  const pairs: LabelledPair[] = [];
  const seen = new Set<string>();
  const languagesOf = (a: LabelledReport, b: LabelledReport): LanguagePair =>
    a.language === b.language ? (a.language === 'en' ? 'en-en' : 'zh-zh') : 'en-zh';
  const add = (a: LabelledReport, b: LabelledReport, label: LabelledPair['label'], blind: boolean) => {
    const key = [a.id, b.id].sort().join(' ~ ');
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push({ a: a.id, b: b.id, label, languages: languagesOf(a, b), ...(blind ? { blind } : {}) });
  };
  for (const file of files) {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { batch: number; problems: LabelledProblem[] };
    const blind = data.batch === 3;
    const batch = data.problems;
    problems.push(...batch.map((p) => ({ ...p, batch: data.batch })));
    const report = (p: LabelledProblem, id: string) => {
      const r = p.reports.find((x) => x.id === `${p.id}/${id}`);
      if (!r) throw new Error(`${file}: problem ${p.id} has no report ${id}`);
      return r;
    };
    batch.forEach((p, i) => {
      for (let x = 0; x < p.reports.length; x++)
        for (let y = x + 1; y < p.reports.length; y++) add(p.reports[x]!, p.reports[y]!, 'same', blind);
      const family = batch.filter((q) => q.family === p.family);
      const nextInFamily = family.length > 1 ? family[(family.indexOf(p) + 1) % family.length]! : undefined;
      const others = batch.filter((q) => q.family !== p.family);
      const far = others.length > 0 ? others[(i + Math.floor(batch.length / 2)) % others.length]! : undefined;
      for (const q of [nextInFamily, far]) {
        if (!q) continue;
        add(report(p, 'en1'), report(q, q === far ? 'en1' : 'en2'), 'different', blind);
        add(report(p, 'zh1'), report(q, q === far ? 'zh1' : 'zh2'), 'different', blind);
        add(report(p, q === far ? 'zh2' : 'en2'), report(q, q === far ? 'en2' : 'zh1'), 'different', blind);
      }
    });
  }
  return { problems, pairs };
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
