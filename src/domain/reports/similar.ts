/**
 * Which reports and issues on file resemble a report, scored and explained.
 *
 * Each text becomes a set of weighted features:
 *  - glossary concepts (either language), weight 3, explained by the wording found;
 *  - English words (lowercase, crude stem, stop words dropped), weight 1;
 *  - Chinese character bigrams (runs of Han characters), weight 1;
 *  - HS codes: the 6-digit code (weight 3) and its 4-digit heading (weight 2).
 * The score is the cosine of the two weighted sets (0..1). Items at or above
 * SIMILAR_THRESHOLD are returned, best first, with `why` naming what matched.
 */
import { GLOSSARY } from './glossary.js';

export const SIMILAR_THRESHOLD = 0.12;
export const SIMILAR_LIMIT = 10;

const STOP = new Set(
  'a an and are as at be been but by for from has have in into is it its of on or our over that the their this to was we were which with without not no more than they them these those can cannot will would should may must also about after before under other such very only any all some out up per its'.split(
    ' ',
  ),
);

export interface Features {
  weights: Map<string, number>;
  /** How a feature reads in an explanation. */
  labels: Map<string, string>;
}

function stem(w: string): string {
  if (w.length <= 4) return w;
  return w.replace(/(ing|ed|es|s)$/, '');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const GLOSSARY_EN = GLOSSARY.map((t) => ({
  id: t.id,
  patterns: t.en.map((p) => ({ text: p, re: new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(p)}($|[^\\p{L}\\p{N}])`, 'u') })),
}));

export function features(text: string, products: readonly string[] = []): Features {
  const weights = new Map<string, number>();
  const labels = new Map<string, string>();
  const add = (key: string, w: number, label: string) => {
    if ((weights.get(key) ?? 0) < w) weights.set(key, w);
    if (!labels.has(key)) labels.set(key, label);
  };
  const lower = text.toLowerCase();
  for (const [i, term] of GLOSSARY.entries()) {
    const en = GLOSSARY_EN[i]!.patterns.find((p) => p.re.test(lower));
    const zh = term.zh.find((z) => text.includes(z));
    if (en || zh) add(`c:${term.id}`, 3, `${term.en[0]} / ${term.zh[0]}`);
  }
  for (const w of lower.split(/[^\p{Script=Latin}\p{N}]+/u)) {
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) continue;
    add(`w:${stem(w)}`, 1, w);
  }
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    if (run.length === 1) add(`h:${run}`, 1, run);
    for (let i = 0; i + 1 < run.length; i++) add(`h:${run.slice(i, i + 2)}`, 1, run.slice(i, i + 2));
  }
  for (const code of products) {
    if (code.length >= 6) add(`p:${code.slice(0, 6)}`, 3, `HS ${code.slice(0, 6)}`);
    if (code.length >= 4) add(`p:${code.slice(0, 4)}`, 2, `HS ${code.slice(0, 4)}`);
    else add(`p:${code}`, 2, `HS ${code}`);
  }
  return { weights, labels };
}

export function similarity(a: Features, b: Features): { score: number; why: string[] } {
  let dot = 0;
  const shared: [string, number][] = [];
  for (const [k, w] of a.weights) {
    const v = b.weights.get(k);
    if (v !== undefined) {
      dot += w * v;
      shared.push([k, w * v]);
    }
  }
  const norm = (f: Features) => Math.sqrt([...f.weights.values()].reduce((s, w) => s + w * w, 0));
  const denominator = norm(a) * norm(b);
  const score = denominator === 0 ? 0 : dot / denominator;
  // Concepts and codes first, then words and characters; at most eight reasons.
  const rank = (k: string) => (k.startsWith('c:') ? 0 : k.startsWith('p:') ? 1 : 2);
  shared.sort(([ka, wa], [kb, wb]) => rank(ka) - rank(kb) || wb - wa);
  const why = shared.slice(0, 8).map(([k]) => {
    const label = a.labels.get(k) ?? k;
    return k.startsWith('c:') ? `term: ${label}` : k.startsWith('p:') ? label : `word: ${label}`;
  });
  return { score: Math.round(score * 1000) / 1000, why };
}
