/**
 * Dates, countries and HS codes written the way each language writes them:
 * "April 4, 2024" and "2024年4月4日"; "United States" and "美国".
 */
import { intlLocale, type UiLanguage } from './index.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as a UTC midnight, so that no time zone moves it by a day. */
function parseDate(iso: string): Date | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function dateFormat(lang: UiLanguage): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeZone: 'UTC' });
}

/** "April 4, 2024" / "2024年4月4日"; anything that is not an ISO date is shown as given. */
export function formatDate(iso: string, lang: UiLanguage): string {
  const date = parseDate(iso);
  return date ? dateFormat(lang).format(date) : iso;
}

/**
 * "April 4 – 5, 2024" / "2024年4月4日至5日"; a single date when there is no end.
 * Chinese is written by hand: ICU's zh-CN range pattern falls back to
 * "2024/4/4 – 2024/4/5", which is not how a Chinese readout writes it.
 */
export function formatDateRange(start: string, end: string | undefined, lang: UiLanguage): string {
  const from = parseDate(start);
  const to = end ? parseDate(end) : undefined;
  if (!from) return start;
  if (!to || to.getTime() === from.getTime()) return dateFormat(lang).format(from);
  if (lang === 'en') return dateFormat(lang).formatRange(from, to);
  const y1 = from.getUTCFullYear();
  const m1 = from.getUTCMonth() + 1;
  const y2 = to.getUTCFullYear();
  const m2 = to.getUTCMonth() + 1;
  const head = `${y1}年${m1}月${from.getUTCDate()}日`;
  if (y1 !== y2) return `${head}至${y2}年${m2}月${to.getUTCDate()}日`;
  if (m1 !== m2) return `${head}至${m2}月${to.getUTCDate()}日`;
  return `${head}至${to.getUTCDate()}日`;
}

/**
 * A country's name from its ISO code. Intl covers every code in both languages;
 * an unknown code is shown as the code rather than dropped.
 */
export function countryName(code: string, lang: UiLanguage): string {
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's name ("zh" → "Chinese" / "中文"), for the language of a published source. */
export function languageName(tag: string, lang: UiLanguage): string {
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The level of an HS code from its length, and the code written with the usual dot (8541.42). */
export function hsCode(code: string): { level: 'chapter' | 'heading' | 'subheading'; code: string } {
  if (code.length === 2) return { level: 'chapter', code };
  if (code.length === 4) return { level: 'heading', code };
  return { level: 'subheading', code: code.length === 6 ? `${code.slice(0, 4)}.${code.slice(4)}` : code };
}

/**
 * A moment (an ISO timestamp from the audit trail, a session, a token) in the
 * reader's time zone: "Apr 4, 2024, 9:30 AM" / "2024年4月4日 09:30".
 */
export function formatDateTime(iso: string, lang: UiLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
