/**
 * How each readout language writes dates, ordinals, lists, places and the
 * names of sides. Hand-written rather than left to Intl for dates and
 * ordinals: press style is fixed ("April 4–5, 2024", "2024年4月4日至5日",
 * "inaugural", "第二十七次") and must not change with the ICU data of the
 * machine that renders it.
 */
import type { Place } from '../records.js';
import type { Text } from '../text.js';
import type { Level } from '../vocabulary.js';
import type { Inline, ReadoutLanguage, Run } from './readout.model.js';

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(iso: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** "April 4, 2024" / "2024年4月4日". */
export function formatDate(iso: string, lang: ReadoutLanguage): string {
  const { y, m, d } = parts(iso);
  return lang === 'zh' ? `${y}年${m}月${d}日` : `${EN_MONTHS[m - 1]} ${d}, ${y}`;
}

/**
 * A date or a range, shortened as each language does: "April 4–5, 2024",
 * "April 30–May 1, 2024", "December 31, 2024–January 2, 2025";
 * "2024年4月4日至5日", "2024年4月30日至5月1日", "2024年12月31日至2025年1月2日".
 */
export function formatDateRange(start: string, end: string | undefined, lang: ReadoutLanguage): string {
  if (end === undefined || end === start) return formatDate(start, lang);
  const a = parts(start);
  const b = parts(end);
  if (lang === 'zh') {
    if (a.y !== b.y) return `${formatDate(start, lang)}至${formatDate(end, lang)}`;
    if (a.m !== b.m) return `${formatDate(start, lang)}至${b.m}月${b.d}日`;
    return `${formatDate(start, lang)}至${b.d}日`;
  }
  if (a.y !== b.y) return `${formatDate(start, lang)}–${formatDate(end, lang)}`;
  if (a.m !== b.m) return `${EN_MONTHS[a.m - 1]} ${a.d}–${EN_MONTHS[b.m - 1]} ${b.d}, ${a.y}`;
  return `${EN_MONTHS[a.m - 1]} ${a.d}–${b.d}, ${a.y}`;
}

const EN_ORDINAL_WORDS = [
  '',
  'inaugural',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/** 1 → "inaugural", 2 → "second" … 10 → "tenth", then figures: "11th", "22nd", "27th", "101st". */
export function englishOrdinal(n: number): string {
  if (n >= 1 && n < EN_ORDINAL_WORDS.length) return EN_ORDINAL_WORDS[n]!;
  const mod100 = n % 100;
  const suffix =
    mod100 >= 11 && mod100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ZH_UNITS = ['', '十', '百', '千'];

/** Chinese numerals as written in running text: 10 → 十, 27 → 二十七, 101 → 一百零一, 110 → 一百一十. */
export function chineseNumeral(n: number, standalone = true): string {
  if (!Number.isInteger(n) || n < 0 || n > 99_999_999) return String(n);
  if (n === 0) return ZH_DIGITS[0]!;
  if (n >= 10_000) {
    const high = Math.floor(n / 10_000);
    const low = n % 10_000;
    if (low === 0) return `${chineseNumeral(high)}万`;
    return `${chineseNumeral(high)}万${low < 1000 ? '零' : ''}${chineseNumeral(low, false)}`;
  }
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((digit, i) => {
    const unit = ZH_UNITS[digits.length - 1 - i]!;
    if (digit === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += ZH_DIGITS[digit]! + unit;
  });
  // 十, 十一… are written without the leading 一 when they stand alone.
  return standalone && n >= 10 && n < 20 ? out.replace(/^一十/, '十') : out;
}

/** 1 → "首次", 2 → "第二次", 27 → "第二十七次". */
export function chineseOrdinal(n: number): string {
  return n === 1 ? '首次' : `第${chineseNumeral(n)}次`;
}

/** The meeting's place in the series, as an adjective before "meeting" / "会议". */
export function ordinal(n: number, lang: ReadoutLanguage): string {
  return lang === 'zh' ? chineseOrdinal(n) : englishOrdinal(n);
}

const LEVEL_MEETING: Record<Level, { en: string; enTitle: string; zh: string }> = {
  ministerial: { en: 'ministerial meeting', enTitle: 'Ministerial Meeting', zh: '部长级会议' },
  'vice-ministerial': { en: 'vice-ministerial meeting', enTitle: 'Vice-Ministerial Meeting', zh: '副部长级会议' },
  'senior-official': { en: "senior officials' meeting", enTitle: "Senior Officials' Meeting", zh: '高官会议' },
  'working-level': { en: 'working-level meeting', enTitle: 'Working-Level Meeting', zh: '工作层会议' },
  technical: { en: 'technical meeting', enTitle: 'Technical Meeting', zh: '技术层会议' },
};

/** "vice-ministerial meeting" / "副部长级会议"; `title` gives headline capitals. */
export function levelMeeting(level: Level, lang: ReadoutLanguage, title = false): string {
  const l = LEVEL_MEETING[level];
  return lang === 'zh' ? l.zh : title ? l.enTitle : l.en;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------
// Runs and inlines

/** A record text in the wanted language, or the other one marked as a fallback. */
export function pickRun(text: Text | undefined, lang: ReadoutLanguage): Run | undefined {
  if (!text) return undefined;
  const own = text[lang];
  if (own) return { text: own };
  const other = lang === 'zh' ? 'en' : 'zh';
  if (text[other]) return { text: text[other], fallbackFrom: other };
  const [tag, value] = Object.entries(text).find(([, v]) => v) ?? [];
  return tag && value ? { text: value, fallbackFrom: tag } : undefined;
}

export type Piece = string | Run | Inline | undefined | null | false;

/** Builds an inline from strings, runs and inlines, merging neighbouring plain text. */
export function inline(...pieces: Piece[]): Inline {
  const out: Inline = [];
  const push = (run: Run) => {
    if (run.text === '') return;
    const last = out[out.length - 1];
    if (last && !last.fallbackFrom && !run.fallbackFrom) last.text += run.text;
    else out.push({ ...run });
  };
  for (const p of pieces) {
    if (p === undefined || p === null || p === false) continue;
    if (typeof p === 'string') push({ text: p });
    else if (Array.isArray(p)) p.forEach(push);
    else push(p);
  }
  return out;
}

/** Applies `fn` to the first run's text (to change a letter's case at the start of a sentence or item). */
export function mapFirst(i: Inline, fn: (s: string) => string): Inline {
  if (i.length === 0) return i;
  const [first, ...rest] = i;
  return [{ ...first!, text: fn(first!.text) }, ...rest];
}

/** Strips one final full stop (either language's), so that a record text can sit inside a sentence. */
export function withoutFinalStop(i: Inline): Inline {
  if (i.length === 0) return i;
  const last = i[i.length - 1]!;
  return [...i.slice(0, -1), { ...last, text: last.text.replace(/[.。]\s*$/, '') }];
}

/** Ends an English sentence with one full stop, not two after "D.C.". */
export function period(i: Inline): Inline {
  return /\.\s*$/.test(plain(i)) ? i : inline(i, '.');
}

export function plain(i: Inline): string {
  return i.map((r) => r.text).join('');
}

/**
 * "A and B", "A, B, and C" / "A和B", "A、B和C" (or 与, 以及). English items that contain
 * commas themselves (agency names, titles) are separated by semicolons, and a
 * pair of them repeats its preposition ("from A, and from B") so that a reader
 * cannot take one name for two.
 */
export function joinList(
  items: Inline[],
  lang: ReadoutLanguage,
  options: { repeat?: string; zhAnd?: string } = {},
): Inline {
  if (items.length === 0) return [];
  if (items.length === 1) return items[0]!;
  if (lang === 'zh') {
    const head = items.slice(0, -1).flatMap((item, i) => (i === 0 ? item : inline('、', item)));
    // An item with its own 和 ("301关税和相关301调查申请") would blur with the list's: then 以及.
    const and = options.zhAnd ?? (items.some((i) => /和/.test(plain(i).replace(/共和国/g, ''))) ? '以及' : '和');
    return inline(head, and, items[items.length - 1]!);
  }
  const complex = items.some((i) => plain(i).includes(','));
  const repeat = options.repeat ? `${options.repeat} ` : '';
  if (items.length === 2) {
    // The comma closes the first item's own commas ("A, of B, and C"); after a plain first item it is not needed.
    return inline(items[0]!, plain(items[0]!).includes(',') ? `, and ${repeat}` : ` and ${repeat}`, items[1]!);
  }
  const sep = complex ? '; ' : ', ';
  const head = items.slice(0, -1).flatMap((item, i) => (i === 0 ? item : inline(sep, item)));
  return inline(head, `${sep}and `, items[items.length - 1]!);
}

// ---------------------------------------------------------------------------
// Countries, places and sides

/** Country names that English writes with "the". */
const EN_THE_COUNTRIES = new Set(['US', 'GB', 'NL', 'PH', 'AE', 'BS', 'GM', 'CF', 'DO', 'KM', 'MH', 'SB', 'VA']);

/**
 * The country's name in running text: "the United States", "China"; "美国".
 * From the ICU data of Node (Intl.DisplayNames); names that are politically
 * sensitive belong in a project-owned override list when one is needed.
 */
export function countryName(code: string, lang: ReadoutLanguage): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([lang === 'zh' ? 'zh-Hans' : 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    // An unknown code stays as written: better than no place at all.
  }
  if (lang === 'en' && EN_THE_COUNTRIES.has(code)) return `the ${name}`;
  return name;
}

/**
 * A place in running text. English: "Washington, D.C." (with the country when
 * it is foreign to the side writing: "Beijing, China"); Chinese puts the
 * country first ("美国华盛顿"). A country alone: "China", "the United States".
 */
export function placeInline(place: Place, lang: ReadoutLanguage, homeCountry: string | undefined): Inline {
  const city = pickRun(place.city, lang);
  const region = pickRun(place.region, lang);
  const withCountry = !city || homeCountry === undefined || place.country !== homeCountry;
  // "the United States" alone, but "Washington, D.C., United States" after a city, as addresses write it.
  let country = withCountry ? countryName(place.country, lang).replace(city || region ? /^the / : /^$/, '') : undefined;
  // 墨西哥城 already says 墨西哥: "墨西哥墨西哥城" would stutter.
  if (lang === 'zh' && country && city && city.text.startsWith(country)) country = undefined;
  if (lang === 'zh') return inline(country, region, city);
  const pieces: Inline[] = [city, region].filter((r): r is Run => r !== undefined).map((r) => [r]);
  if (country) pieces.push([{ text: country }]);
  return pieces.flatMap((p, i) => (i === 0 ? p : inline(', ', p)));
}

interface SideNames {
  /** As the subject of a sentence: "the United States", "美方". */
  en: string;
  zh: string;
  /** "the U.S. delegation" / "美方代表团". */
  enDelegation: string;
}

/**
 * How readouts name a side. Press style names sides by their country ("the
 * Chinese side", "中方"), which Intl cannot derive (adjectives, and the
 * one-character forms 美方/中方/英方), so the common ones are listed; any
 * other side is named by its agency, which is always on record.
 */
const SIDE_NAMES: Record<string, SideNames> = {
  US: { en: 'the United States', zh: '美方', enDelegation: 'the U.S. delegation' },
  CN: { en: 'China', zh: '中方', enDelegation: 'the Chinese delegation' },
  GB: { en: 'the United Kingdom', zh: '英方', enDelegation: 'the UK delegation' },
  JP: { en: 'Japan', zh: '日方', enDelegation: 'the Japanese delegation' },
  KR: { en: 'the Republic of Korea', zh: '韩方', enDelegation: 'the Korean delegation' },
  IN: { en: 'India', zh: '印方', enDelegation: 'the Indian delegation' },
  CA: { en: 'Canada', zh: '加方', enDelegation: 'the Canadian delegation' },
  MX: { en: 'Mexico', zh: '墨方', enDelegation: 'the Mexican delegation' },
  DE: { en: 'Germany', zh: '德方', enDelegation: 'the German delegation' },
  FR: { en: 'France', zh: '法方', enDelegation: 'the French delegation' },
  AU: { en: 'Australia', zh: '澳方', enDelegation: 'the Australian delegation' },
  BR: { en: 'Brazil', zh: '巴方', enDelegation: 'the Brazilian delegation' },
};

/** Whether a side with this country has a short name; otherwise callers use its agency. */
export function sideShortName(country: string, lang: ReadoutLanguage): string | undefined {
  return SIDE_NAMES[country]?.[lang];
}

export function sideDelegation(country: string, lang: ReadoutLanguage): string | undefined {
  const names = SIDE_NAMES[country];
  if (!names) return undefined;
  return lang === 'zh' ? `${names.zh}代表团` : names.enDelegation;
}

/** Institution names that English writes with "the": "the Ministry of Commerce", but "Global Affairs Canada". */
const TAKES_THE =
  /^(Ministry|Department|Secretariat|Office|Bureau|Agency|Administration|Commission|Council|Directorate|Federal|National|State|International|Central|General|Executive|Embassy|European|Permanent|Royal|Cabinet|Treasury|Board|Authority|Institute|Chamber|Committee|People's)\b/;

/** "the" before the name of a forum ("the U.S.-China Commercial Issues Working Group"), unless it has one. */
export function theForum(i: Inline): Inline {
  const first = i[0];
  if (!first || first.fallbackFrom || /^the\s/i.test(first.text)) return i;
  return inline('the ', i);
}

/** "the" before an English institution name that takes one and does not already have it. */
export function withThe(i: Inline): Inline {
  const first = i[0];
  if (!first || first.fallbackFrom || !TAKES_THE.test(first.text)) return i;
  return inline('the ', i);
}

// ---------------------------------------------------------------------------
// Case of record titles inside English sentences

const DEMONYM = /(ese|ian|ean|can|ish|i)$/;
const KEEP_CAPITAL = new Set([
  'French',
  'German',
  'Dutch',
  'Swiss',
  'Greek',
  'Thai',
  'Czech',
  'Arab',
  'Section',
  'Article',
  'Chapter',
  'Part',
  'Title',
  'Annex',
]);

let countryWords: Set<string> | undefined;
function firstWordsOfCountries(): Set<string> {
  if (countryWords) return countryWords;
  countryWords = new Set();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      try {
        const name = names.of(code);
        if (name && name !== code) countryWords.add(name.split(/[\s-]/)[0]!);
      } catch {
        // not a region code
      }
    }
  }
  return countryWords;
}

/**
 * An English record title placed mid-sentence: issue titles are stored as
 * headings ("Cross-border data flows") and read badly with their capital after
 * "raised". The first letter is lowered only when the first word is an
 * ordinary capitalised word: not an acronym, a country or nationality
 * ("Chinese"), or a reference like "Section 301", which keep their capital.
 */
export function midSentence(i: Inline): Inline {
  const first = i[0];
  if (!first || first.fallbackFrom) return i;
  const match = /^([A-Z][a-z]+(?:-[a-z]+)*)(\s+(\S+))?/.exec(first.text);
  if (!match) return i;
  const word = match[1]!;
  const next = match[3];
  if (next !== undefined && /^[0-9A-Z]/.test(next)) return i;
  if (KEEP_CAPITAL.has(word) || DEMONYM.test(word) || firstWordsOfCountries().has(word)) return i;
  return mapFirst(i, (s) => s.charAt(0).toLowerCase() + s.slice(1));
}
