import type { DialogueT } from '../../shared/api.js';
import { LocalText } from './LocalText.js';

type Person = DialogueT['people'][number];

export function findPerson(people: readonly Person[] | undefined, key: string): Person | undefined {
  return people?.find((p) => p.key === key);
}

/**
 * A person with the title they hold in the interface language: titles differ
 * by language (an English "Under Secretary" is a Chinese 副部长), so both
 * come from the record, never from a translation.
 */
export function PersonWithTitle({ people, personKey }: { people: readonly Person[] | undefined; personKey: string }) {
  const person = findPerson(people, personKey);
  if (!person) return <span className="font-mono-xs">{personKey}</span>;
  return (
    <span className="parley-person">
      <span className="parley-person__name">
        <LocalText text={person.name} />
      </span>
      <span className="parley-person__title">
        <LocalText text={person.title} />
      </span>
    </span>
  );
}
