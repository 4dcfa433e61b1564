/** "Did you mean …?" for a mistyped key: the closest candidate, if close enough. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c.length < best.length)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const prefix = best.startsWith(input) || input.startsWith(best);
  return bestDistance <= Math.max(2, Math.floor(input.length / 3)) || (prefix && input.length >= 3) ? best : undefined;
}

/** Levenshtein distance. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** A list of names for a message, cut after a few. */
export function listForMessage(values: readonly string[], max = 6): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, ...` : shown;
}
