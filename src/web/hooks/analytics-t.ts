/** `t` for the analytics catalogue (i18n/analytics.*.json): keys without the `analytics.` prefix. */
import { useTranslation } from 'react-i18next';

type Tf = (key: string, options?: Record<string, unknown>) => string;

export function useAnalyticsT(): Tf {
  const { t } = useTranslation();
  return (key, options) => (t as unknown as Tf)(`analytics.${key}`, options);
}
