/** JSON Pointers (RFC 6901) for naming where a problem is. */

function escapeSegment(segment: PropertyKey): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer of a path: ["issues", 3, "category"] → "/issues/3/category". */
export function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${escapeSegment(p)}`).join('');
}
