import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priority } from './priority.js';

describe('issue priority', () => {
  const now = new Date('2026-07-01T00:00:00Z');
  it('adds its parts and multiplies by the weight', () => {
    const p = priority(
      { tradeValue: 9_000_000, companiesAffected: 9, reports: 3, openedAt: '2026-01-02T00:00:00Z', weight: 2 },
      now,
    );
    assert.deepEqual(p.parts, { trade: 10, companies: 10, breadth: 20, timeOpen: 6, weight: 2 });
    assert.equal(p.score, 92);
  });
  it('caps each part and the weight', () => {
    const p = priority(
      { tradeValue: 1e15, companiesAffected: 1e9, reports: 1000, openedAt: '2000-01-01', weight: 10 },
      now,
    );
    assert.deepEqual(p.parts, { trade: 30, companies: 20, breadth: 20, timeOpen: 15, weight: 3 });
  });
  it('is zero for an issue with nothing merged, opened now', () => {
    assert.equal(
      priority({ tradeValue: 0, companiesAffected: 0, reports: 0, openedAt: now.toISOString(), weight: 1 }, now).score,
      0,
    );
  });
});
