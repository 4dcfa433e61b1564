import type { TFunction } from 'i18next';

/** "Inaugural meeting" / "首次会议" for the first; "2nd meeting" / "第2次会议" after. */
export function meetingTitle(t: TFunction, number: number): string {
  return number === 1 ? t('meeting.inaugural') : t('meeting.number', { count: number, ordinal: true });
}
