import { useCallback } from 'react';
import { sideName } from '../components/sides.js';
import { useUiLanguage } from './language.js';
import { useDialogues } from './queries.js';

/**
 * A side's name where no dialogue is at hand (the header, the sign-in page,
 * the users page): the country of the side as the dialogues on record list
 * it, else the key in capitals ("US"), which is still recognisable.
 */
export function useSideName(): (key: string) => string {
  const lang = useUiLanguage();
  const dialogues = useDialogues();
  const items = dialogues.data?.items;
  return useCallback(
    (key: string) => {
      const sides = items?.flatMap((d) => d.sides);
      const name = sideName(sides, key, lang);
      return name === key ? key.toUpperCase() : name;
    },
    [items, lang],
  );
}

/** Every side key the dialogues on record name, in their order, without repeats. */
export function useKnownSides(): string[] {
  const dialogues = useDialogues();
  return [...new Set((dialogues.data?.items ?? []).flatMap((d) => d.sides.map((s) => s.key)))];
}
