import type { MeetingT } from '../../shared/api.js';
import { useUiLanguage } from '../hooks/language.js';
import { countryName } from '../i18n/format.js';
import { LocalText } from './LocalText.js';

type Place = NonNullable<MeetingT['place']>;

/**
 * A place as each language writes it: "Washington, D.C., United States" from
 * the smallest unit up, "美国华盛顿" from the largest down with no separators.
 */
export function PlaceText({ place }: { place: Place }) {
  const lang = useUiLanguage();
  const country = countryName(place.country, lang);
  const parts = [
    place.city ? <LocalText key="city" text={place.city} /> : null,
    place.region ? <LocalText key="region" text={place.region} /> : null,
    <span key="country">{country}</span>,
  ].filter((part) => part !== null);
  if (lang === 'zh') return <>{parts.reverse()}</>;
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 ? ', ' : null}
          {part}
        </span>
      ))}
    </>
  );
}
