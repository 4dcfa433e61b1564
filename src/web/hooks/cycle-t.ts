/** `t` for the meeting cycle's catalogue (i18n/cycle.*.json): keys without the `cycle.` prefix. */
import { useTranslation } from 'react-i18next';

type Tf = (key: string, options?: Record<string, unknown>) => string;

export function useCycleT(): Tf {
  const { t } = useTranslation();
  return (key, options) => (t as unknown as Tf)(`cycle.${key}`, options);
}
