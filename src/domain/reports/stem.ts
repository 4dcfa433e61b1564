/**
 * English word normalisation for similarity: British and American spellings
 * made one, then the Porter stemmer (M. F. Porter, "An algorithm for suffix
 * stripping", 1980), written for the project from the published description,
 * so that "licences", "licensing" and "licensed" meet.
 */

/** British spellings common in trade reports, and their American forms. */
const SPELLINGS: Record<string, string> = {
  licence: 'license',
  licences: 'licenses',
  defence: 'defense',
  offence: 'offense',
  aluminium: 'aluminum',
  centre: 'center',
  centres: 'centers',
  favour: 'favor',
  favours: 'favors',
  favoured: 'favored',
  favourable: 'favorable',
  labour: 'labor',
  programme: 'program',
  programmes: 'programs',
  catalogue: 'catalog',
  tonne: 'ton',
  tonnes: 'tons',
  behaviour: 'behavior',
  harmonise: 'harmonize',
  harmonised: 'harmonized',
  recognise: 'recognize',
  recognised: 'recognize',
  authorise: 'authorize',
  authorised: 'authorized',
  prioritise: 'prioritize',
  organise: 'organize',
  organised: 'organized',
  criticise: 'criticize',
  penalise: 'penalize',
  minimise: 'minimize',
  localise: 'localize',
  localised: 'localized',
  labelling: 'labeling',
  labelled: 'labeled',
  cancelled: 'canceled',
  modelling: 'modeling',
  travelling: 'traveling',
  orthopaedic: 'orthopedic',
};

/** One word in its American spelling (-isation → -ization included). */
export function spelling(word: string): string {
  const known = SPELLINGS[word];
  if (known) return known;
  return word.replace(/isation(s?)$/, 'ization$1');
}

const isVowelAt = (w: string, i: number): boolean => {
  const c = w[i]!;
  if ('aeiou'.includes(c)) return true;
  // y is a vowel after a consonant ("try"), a consonant at the start or after a vowel ("yes", "play").
  return c === 'y' && i > 0 && !isVowelAt(w, i - 1);
};

/** Porter's m: the number of vowel-consonant sequences in `w`. */
function measure(w: string): number {
  let m = 0;
  let i = 0;
  while (i < w.length && !isVowelAt(w, i)) i++;
  while (i < w.length) {
    while (i < w.length && isVowelAt(w, i)) i++;
    if (i >= w.length) break;
    while (i < w.length && !isVowelAt(w, i)) i++;
    m++;
  }
  return m;
}

const hasVowel = (w: string) => [...w].some((_, i) => isVowelAt(w, i));
const endsDoubleConsonant = (w: string) =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && !isVowelAt(w, w.length - 1);
/** Consonant-vowel-consonant at the end, the last not w, x or y ("hop", not "snow"). */
const endsCvc = (w: string) => {
  const n = w.length;
  return n >= 3 && !isVowelAt(w, n - 1) && isVowelAt(w, n - 2) && !isVowelAt(w, n - 3) && !'wxy'.includes(w[n - 1]!);
};

/** Replaces `suffix` by `by` when the stem before it has measure > `min`. */
function rule(w: string, rules: readonly (readonly [string, string])[], min: number): string | undefined {
  for (const [suffix, by] of rules) {
    if (w.endsWith(suffix)) {
      const stem = w.slice(0, -suffix.length);
      return measure(stem) > min ? stem + by : w;
    }
  }
  return undefined;
}

const STEP2: readonly (readonly [string, string])[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];
const STEP3: readonly (readonly [string, string])[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];
const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

/** The Porter stem of a lower-case word ("licensing" → "licens", "registration" → "registr"). */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : undefined;
    if (suffix && hasVowel(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (endsDoubleConsonant(w) && !'lsz'.includes(w[w.length - 1]!)) w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCvc(w)) w += 'e';
    }
  }
  // Step 1c: y → i after a vowel somewhere in the stem.
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // Steps 2 and 3: double and single suffixes.
  w = rule(w, STEP2, 0) ?? w;
  w = rule(w, STEP3, 0) ?? w;
  // Step 4: remove a suffix when the stem is long enough (-ion only after s or t).
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const s = w.slice(0, -suffix.length);
    if (measure(s) > 1 && (suffix !== 'ion' || s.endsWith('s') || s.endsWith('t'))) w = s;
    break;
  }
  // Step 5: a final -e, and -ll.
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  if (measure(w) > 1 && w.endsWith('ll')) w = w.slice(0, -1);
  return w;
}
