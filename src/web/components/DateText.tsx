import { useUiLanguage } from '../hooks/language.js';
import { formatDateRange, formatDateTime } from '../i18n/format.js';

/** A date or date range written the way the interface language writes dates, with the ISO date for machines. */
export function DateText({ date, endDate }: { date: string; endDate?: string | undefined }) {
  const lang = useUiLanguage();
  return <time dateTime={date}>{formatDateRange(date, endDate, lang)}</time>;
}

/** A moment (date and time) in the reader's time zone, with the ISO timestamp for machines. */
export function DateTimeText({ at }: { at: string }) {
  const lang = useUiLanguage();
  return <time dateTime={at}>{formatDateTime(at, lang)}</time>;
}
