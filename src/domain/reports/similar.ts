/**
 * Which reports and issues on file resemble a report, scored and explained.
 *
 * Each text becomes a set of weighted features:
 *  - glossary concepts (`glossary.ts`, either language), weight 2 to 4, the
 *    longest wording found winning where wordings overlap;
 *  - English words outside those wordings: lower case, one spelling, Porter
 *    stem, stop words dropped;
 *  - Chinese words outside those wordings (jieba, passed in as a Segmenter, so
 *    that the domain stays free of native code), and the character bigrams of
 *    the runs of Chinese text between stop words, which still match where the
 *    segmenter cut two texts differently;
 *  - HS codes: the 6-digit code and its 4-digit heading.
 * The score is the cosine of the two weighted sets (0..1). Items at or above
 * SIMILAR_THRESHOLD are returned, best first, with `why` naming what matched.
 */
import { createHash } from 'node:crypto';
import { BROADER, GLOSSARY, type GlossaryTerm } from './glossary.js';
import { spelling, stem } from './stem.js';

/**
 * The score from which an item is suggested. Chosen on the development part of the labelled set
 * (bench/similar-quality.ts): recall 0.98, precision 0.88 there (0.2 gave 0.94 and 0.93); an analyst
 * would rather dismiss a suggestion than miss a duplicate.
 */
export const SIMILAR_THRESHOLD = 0.15;
export const SIMILAR_LIMIT = 10;

/**
 * How many candidates, best first, the store returns for the service to explain: the exact best
 * items, with room for ties at the last place of SIMILAR_LIMIT.
 */
export const CANDIDATE_LIMIT = 20;

/** Weights of the kinds of features (a concept's own weight is in the glossary). */
export const WEIGHTS = {
  concept: 3,
  word: 1,
  chineseWord: 1,
  bigram: 0.5,
  hs6: 3,
  hs4: 2,
} as const;

/** Splits Chinese text into words, in order, covering the text (jieba's `cut`). */
export type Segmenter = (text: string) => readonly string[];

export interface Features {
  weights: Map<string, number>;
  /** How a feature reads in an explanation. */
  labels: Map<string, string>;
}

const STOP_EN = new Set(
  (
    'a an and are as at be been but by for from has have had in into is it its of on or our over that the their this ' +
    'to was we were which with without not no more than they them these those can cannot will would should may must ' +
    'also about after before under other such very only any all some out up per us you your he she his her him who ' +
    'what when where while how why there here then now even still just do does did done get got make made take took ' +
    'so if because although though since until each every both either neither one two three four five six seven ' +
    'eight nine ten many much most few several same new old last next first second year years month months week ' +
    'weeks day days time times percent company companies firm firms business businesses china chinese united states ' +
    'american america products product goods say says said ask asks asked told tell use used using need needs needed ' +
    'way ways case cases'
  )
    .split(' ')
    .filter(Boolean),
);

/** Chinese words too common in reports to say what one is about. */
const STOP_ZH = new Set(
  (
    '我们 我公司 我司 本公司 公司 企业 中国 美国 美方 中方 我国 要求 已经 没有 导致 无法 进行 相关 部分 需要 以及 由于 ' +
    '因此 对于 他们 目前 可以 不能 一个 一家 很多 大量 其他 问题 情况 反映 认为 表示 只能 仍然 依然 已于 此前 之前 以后 ' +
    '之后 现在 以前 每个 每一个 所有 全部 这些 那些 因为 所以 但是 而且 并且 或者 还是 不得 不会 不再 非常 明显 严重 ' +
    '大幅 存在 出现 方面 时候 我们的 其中 以及 通过 根据 按照 作为 对方 多家 多个 数月 数年 一年 两年 三年 一次'
  )
    .split(' ')
    .filter(Boolean),
);

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{Script=Latin}\p{N}]+/gu;

/** A text's Latin-script words, each lower case with its normalised stem. */
function latinTokens(text: string): { raw: string; stem: string }[] {
  return (text.toLowerCase().match(WORD) ?? []).map((raw) => ({ raw, stem: stem(spelling(raw)) }));
}

interface EnglishPattern {
  term: GlossaryTerm;
  stems: string[];
}

interface Matcher {
  /** English wordings by their first stem, longest first. */
  en: Map<string, EnglishPattern[]>;
  /** Chinese wordings by their first character, longest first. */
  zh: Map<string, { term: GlossaryTerm; text: string }[]>;
}

let matcher: Matcher | undefined;
const TERMS = new Map(GLOSSARY.map((t) => [t.id, t]));

/** Built once from the glossary: wordings indexed for matching in one pass over a text. */
function glossaryMatcher(): Matcher {
  if (matcher) return matcher;
  const en = new Map<string, EnglishPattern[]>();
  const zh = new Map<string, { term: GlossaryTerm; text: string }[]>();
  for (const term of GLOSSARY) {
    for (const wording of term.en) {
      const stems = latinTokens(wording).map((t) => t.stem);
      if (stems.length === 0) continue;
      const list = en.get(stems[0]!) ?? [];
      list.push({ term, stems });
      en.set(stems[0]!, list);
    }
    for (const wording of term.zh) {
      const list = zh.get(wording[0]!) ?? [];
      list.push({ term, text: wording });
      zh.set(wording[0]!, list);
    }
  }
  for (const list of en.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  for (const list of zh.values()) list.sort((a, b) => b.text.length - a.text.length);
  matcher = { en, zh };
  return matcher;
}

interface Match {
  term: GlossaryTerm;
  start: number;
  length: number;
}

/** Keeps the longest matches that do not overlap (then the earliest), marking what they cover. */
function longestFirst(matches: Match[], covered: boolean[]): GlossaryTerm[] {
  matches.sort((a, b) => b.length - a.length || a.start - b.start);
  const found: GlossaryTerm[] = [];
  for (const m of matches) {
    let free = true;
    for (let i = m.start; i < m.start + m.length; i++) if (covered[i]) free = false;
    if (!free) continue;
    for (let i = m.start; i < m.start + m.length; i++) covered[i] = true;
    found.push(m.term);
  }
  return found;
}

/**
 * The weight of a feature: fixed by its kind, and for a concept by the glossary, so the same key
 * weighs the same in every text (the index relies on it, and stores keys only).
 */
export function keyWeight(key: string): number {
  switch (key.slice(0, 2)) {
    case 'c:':
      return TERMS.get(key.slice(2))?.weight ?? WEIGHTS.concept;
    case 'w:':
      return WEIGHTS.word;
    case 'z:':
      return WEIGHTS.chineseWord;
    case 'h:':
      return WEIGHTS.bigram;
    case 'p:':
      return key.length - 2 >= 6 ? WEIGHTS.hs6 : WEIGHTS.hs4;
    default:
      return 1;
  }
}

/** Features as stored: the keys alone (their weights follow from them). */
export function fromKeys(keys: readonly string[]): { weights: Map<string, number> } {
  return { weights: new Map(keys.map((k) => [k, keyWeight(k)])) };
}

export function features(text: string, products: readonly string[] = [], segment?: Segmenter): Features {
  const weights = new Map<string, number>();
  const labels = new Map<string, string>();
  const add = (key: string, label: string) => {
    weights.set(key, keyWeight(key));
    if (!labels.has(key)) labels.set(key, label);
  };
  const normal = text.normalize('NFKC');
  const { en, zh } = glossaryMatcher();

  // English (and Latin words inside Chinese text, such as "CCC" or "UFLPA").
  const tokens = latinTokens(normal);
  const enMatches: Match[] = [];
  tokens.forEach((t, i) => {
    for (const p of en.get(t.stem) ?? []) {
      if (p.stems.every((s, k) => tokens[i + k]?.stem === s))
        enMatches.push({ term: p.term, start: i, length: p.stems.length });
    }
  });
  const tokenCovered = tokens.map(() => false);
  const concepts = longestFirst(enMatches, tokenCovered);

  // Chinese wordings, longest first.
  const chars = [...normal];
  const zhMatches: Match[] = [];
  chars.forEach((c, i) => {
    for (const p of zh.get(c) ?? []) {
      const n = [...p.text].length;
      if (chars.slice(i, i + n).join('') === p.text) zhMatches.push({ term: p.term, start: i, length: n });
    }
  });
  const charCovered = chars.map(() => false);
  concepts.push(...longestFirst(zhMatches, charCovered));
  // Each concept found, and the broader concepts it implies.
  const seen = new Set<string>();
  while (concepts.length > 0) {
    const term = concepts.pop()!;
    if (seen.has(term.id)) continue;
    seen.add(term.id);
    add(`c:${term.id}`, `${term.en[0]} / ${term.zh[0]}`);
    for (const id of BROADER[term.id] ?? []) concepts.push(TERMS.get(id)!);
  }

  tokens.forEach((t, i) => {
    if (tokenCovered[i] || t.raw.length < 3 || STOP_EN.has(t.raw) || /^\d+$/.test(t.raw)) return;
    add(`w:${t.stem}`, t.raw);
  });

  // What the glossary did not cover: Chinese words, and bigrams of the runs between stop words.
  const rest = chars.map((c, i) => (charCovered[i] || !HAN.test(c) ? ' ' : c)).join('');
  if (HAN.test(rest)) {
    const words = segment ? segment(rest) : rest.split(/\s+/);
    const runs: string[] = [];
    let run = '';
    for (const word of words) {
      const han = HAN.test(word) && !/\s/.test(word);
      const stop = STOP_ZH.has(word);
      if (han && !stop && segment && [...word].length >= 2) add(`z:${word}`, word);
      if (han && !stop) run += word;
      else {
        if (run) runs.push(run);
        run = '';
      }
    }
    if (run) runs.push(run);
    for (const r of runs) {
      const cs = [...r];
      for (let i = 0; i + 1 < cs.length; i++) {
        const bigram = cs[i]! + cs[i + 1]!;
        add(`h:${bigram}`, bigram);
      }
    }
  }

  for (const code of products) {
    if (code.length >= 6) add(`p:${code.slice(0, 6)}`, `HS ${code.slice(0, 6)}`);
    if (code.length >= 4) add(`p:${code.slice(0, 4)}`, `HS ${code.slice(0, 4)}`);
    else add(`p:${code}`, `HS ${code}`);
  }
  return { weights, labels };
}

/**
 * Bump when features are computed differently in a way the glossary, weights and stop words do not
 * show; FEATURES_VERSION changes with all of them, and stored features of another version are rebuilt.
 */
const FEATURES_FORMAT = 1;

export const FEATURES_VERSION = createHash('sha256')
  .update(
    JSON.stringify({
      format: FEATURES_FORMAT,
      glossary: GLOSSARY,
      broader: BROADER,
      weights: WEIGHTS,
      stop: [[...STOP_EN], [...STOP_ZH]],
    }),
  )
  .digest('hex')
  .slice(0, 16);

/** The length of a feature vector. */
export function norm(f: { weights: ReadonlyMap<string, number> }): number {
  let s = 0;
  for (const w of f.weights.values()) s += w * w;
  return Math.sqrt(s);
}

export function similarity(a: Features, b: { weights: ReadonlyMap<string, number> }): { score: number; why: string[] } {
  let dot = 0;
  const shared: [string, number][] = [];
  for (const [k, w] of a.weights) {
    const v = b.weights.get(k);
    if (v !== undefined) {
      dot += w * v;
      shared.push([k, w * v]);
    }
  }
  const denominator = norm(a) * norm(b);
  const score = denominator === 0 ? 0 : dot / denominator;
  // Concepts and codes first, then words; at most eight. Chinese character pairs read as noise ("回总" from
  // 传回总部), so they explain a score only when nothing else matched.
  const rank = (k: string) => (k.startsWith('c:') ? 0 : k.startsWith('p:') ? 1 : k.startsWith('h:') ? 3 : 2);
  shared.sort(([ka, wa], [kb, wb]) => rank(ka) - rank(kb) || wb - wa || (ka < kb ? -1 : 1));
  const reason = ([k]: [string, number]) => {
    const label = a.labels.get(k) ?? k;
    return k.startsWith('c:') ? `term: ${label}` : k.startsWith('p:') ? label : `word: ${label}`;
  };
  const words = shared.filter(([k]) => !k.startsWith('h:'));
  const why = (words.length > 0 ? words : shared).slice(0, 8).map(reason);
  return { score: Math.round(score * 1000) / 1000, why };
}
