import { useUiLanguage } from '../hooks/language.js';
import { formatDateRange } from '../i18n/format.js';

/** A date or date range written the way the interface language writes dates, with the ISO date for machines. */
export function DateText({ date, endDate }: { date: string; endDate?: string | undefined }) {
  const lang = useUiLanguage();
  return <time dateTime={date}>{formatDateRange(date, endDate, lang)}</time>;
}
