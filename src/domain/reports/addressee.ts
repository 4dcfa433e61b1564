/**
 * Which side a report goes to when the reporter did not say (`addressedTo`
 * left out). In order:
 *
 *  1. the side this installation serves (`PARLEY_SIDE`), when it is one of the sides on record;
 *  2. the only side, when the installation's dialogues have one;
 *  3. the problem's economy: a problem located in one side's country goes to the side facing it in
 *     the dialogues (a company turns to its own government about a problem abroad), when that is
 *     exactly one side;
 *  4. none: the reporter must choose (a 400 naming /addressedTo).
 */

export interface SideCountry {
  dialogue: string;
  key: string;
  country: string;
}

export type Addressee =
  { side: string; rule: 'given' | 'installation' | 'only-side' | 'economy' } | { side: undefined };

export function defaultAddressee(sides: readonly SideCountry[], economy: string, installationSide?: string): Addressee {
  const keys = [...new Set(sides.map((s) => s.key))];
  if (installationSide !== undefined && keys.includes(installationSide)) {
    return { side: installationSide, rule: 'installation' };
  }
  if (keys.length === 1) return { side: keys[0]!, rule: 'only-side' };
  // The dialogues in which a side of that economy sits, and the sides of other countries in them.
  const dialogues = new Set(sides.filter((s) => s.country === economy).map((s) => s.dialogue));
  const facing = new Set(sides.filter((s) => dialogues.has(s.dialogue) && s.country !== economy).map((s) => s.key));
  if (facing.size === 1) return { side: [...facing][0]!, rule: 'economy' };
  return { side: undefined };
}
