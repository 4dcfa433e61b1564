/**
 * An inverted index of stored features, in memory, that scores a query against
 * every record sharing at least one feature with it: the exact cosine of
 * similar.ts, without reading or segmenting any record's text again.
 *
 * A feature weighs the same in every record (`keyWeight`), so a record's dot
 * product with the query is the sum of the squared weights of the keys they
 * share; the index keeps each record's keys (as numbers) and length, and for
 * each key the records holding it. A record written again (an issue edited)
 * replaces its earlier entry, which is then skipped.
 */
import { keyWeight, norm, type Features } from './similar.js';

export type IndexedKind = 'issue' | 'report';

export interface IndexedRecord {
  kind: IndexedKind;
  id: string;
  /** The side a report is addressed to; null for issues. */
  sideKey: string | null;
  keys: readonly string[];
  norm: number;
}

export interface IndexHit {
  kind: IndexedKind;
  id: string;
  score: number;
  /** The record's keys, to explain the score. */
  keys: string[];
}

/** A growable list of record positions. */
class Postings {
  items: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.items = new Int32Array(capacity);
  }
  push(v: number) {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = v;
  }
}

/** Which records a search may return: every issue, and the reports addressed to `side` but `exclude`. */
export interface SearchFilter {
  side: string;
  /** A report not to return (the one searched for). */
  exclude?: string;
}

export class SimilarIndex {
  private readonly keyIds = new Map<string, number>();
  private readonly keyNames: string[] = [];
  private readonly postings: Postings[] = [];
  private readonly sideCodes = new Map<string, number>();
  /** Per position: the record's kind and id, 0 for an issue or the code of a report's side, length, keys. */
  private kinds: IndexedKind[] = [];
  private ids: string[] = [];
  private sides = new Int32Array(1024);
  private norms = new Float64Array(1024);
  private alive = new Uint8Array(1024);
  private keysOf: Int32Array[] = [];
  /** Current position of each record, by kind and id. */
  private readonly position = new Map<string, number>();
  private dot = new Float64Array(1024);
  private touched = new Int32Array(1024);

  /** Records held (each once, however often written). */
  get size(): number {
    return this.position.size;
  }

  private sideCode(side: string): number {
    let code = this.sideCodes.get(side);
    if (code === undefined) {
      code = this.sideCodes.size + 1;
      this.sideCodes.set(side, code);
    }
    return code;
  }

  private room(n: number) {
    if (n <= this.norms.length) return;
    const size = Math.max(n, this.norms.length * 2);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.sides = grow(this.sides, (k) => new Int32Array(k));
    this.norms = grow(this.norms, (k) => new Float64Array(k));
    this.alive = grow(this.alive, (k) => new Uint8Array(k));
    this.dot = new Float64Array(size);
    this.touched = new Int32Array(size);
  }

  /** Adds records, or replaces those already held. */
  upsert(records: Iterable<IndexedRecord>): void {
    for (const r of records) {
      const name = `${r.kind}:${r.id}`;
      const before = this.position.get(name);
      if (before !== undefined) this.alive[before] = 0;
      const at = this.ids.length;
      this.room(at + 1);
      const keys = new Int32Array(r.keys.length);
      r.keys.forEach((key, i) => {
        let id = this.keyIds.get(key);
        if (id === undefined) {
          id = this.keyNames.length;
          this.keyIds.set(key, id);
          this.keyNames.push(key);
          this.postings.push(new Postings());
        }
        keys[i] = id;
        this.postings[id]!.push(at);
      });
      this.kinds.push(r.kind);
      this.ids.push(r.id);
      this.sides[at] = r.kind === 'issue' || r.sideKey === null ? 0 : this.sideCode(r.sideKey);
      this.norms[at] = r.norm;
      this.alive[at] = 1;
      this.keysOf.push(keys);
      this.position.set(name, at);
    }
  }

  /**
   * The `limit` records that `filter` lets through with the highest cosine to `query` (above 0), best
   * first; ties by position (the order records were first read in).
   */
  search(query: Pick<Features, 'weights'>, filter: SearchFilter, limit: number): IndexHit[] {
    const { dot, touched, alive, sides, norms } = this;
    let count = 0;
    for (const [key, w] of query.weights) {
      const id = this.keyIds.get(key);
      if (id === undefined) continue;
      // The record's weight for the key is the query's: keyWeight depends on the key alone.
      const add = w * keyWeight(key);
      const { items, length } = this.postings[id]!;
      for (let i = 0; i < length; i++) {
        const at = items[i]!;
        if (dot[at] === 0) touched[count++] = at;
        dot[at] = dot[at]! + add;
      }
    }
    const qn = norm(query);
    const side = this.sideCodes.get(filter.side) ?? -1;
    const excluded = filter.exclude === undefined ? -1 : (this.position.get(`report:${filter.exclude}`) ?? -1);
    // The best `limit`, kept sorted in two small arrays.
    const bestAt = new Int32Array(limit);
    const bestScore = new Float64Array(limit);
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const at = touched[i]!;
      const d = dot[at]!;
      dot[at] = 0;
      if (alive[at] === 0 || at === excluded) continue;
      const s = sides[at]!;
      if (s !== 0 && s !== side) continue;
      const score = qn === 0 || norms[at] === 0 ? 0 : d / (qn * norms[at]!);
      if (score <= 0 || (kept === limit && score <= bestScore[kept - 1]!)) continue;
      let j = kept < limit ? kept++ : kept - 1;
      while (j > 0 && (bestScore[j - 1]! < score || (bestScore[j - 1] === score && bestAt[j - 1]! > at))) {
        bestScore[j] = bestScore[j - 1]!;
        bestAt[j] = bestAt[j - 1]!;
        j--;
      }
      bestScore[j] = score;
      bestAt[j] = at;
    }
    const out: IndexHit[] = [];
    for (let j = 0; j < kept; j++) {
      const at = bestAt[j]!;
      out.push({
        kind: this.kinds[at]!,
        id: this.ids[at]!,
        score: bestScore[j]!,
        keys: Array.from(this.keysOf[at]!, (k) => this.keyNames[k]!),
      });
    }
    return out;
  }
}
