import assert from 'node:assert/strict';
import { it } from 'node:test';
import { backoffMs, DEFAULT_RETRY, LINK_MARK, withLink } from './outbox.js';

it('waits 1, 2, 4 … minutes between attempts, capped at four hours', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffMs(n) / 60_000),
    [1, 2, 4, 8, 16, 32, 64, 128, 240],
  );
  assert.equal(DEFAULT_RETRY.maxAttempts, 10);
  assert.ok(DEFAULT_RETRY.leaseMs > 60_000, 'a send has more time than its SMTP timeouts');
});

it('puts the link in where the mark stands, or says it is gone', () => {
  assert.equal(
    withLink(`Open:\n${LINK_MARK}\n`, '/reports/status/abc', 'https://parley.example.gov'),
    'Open:\nhttps://parley.example.gov/reports/status/abc\n',
  );
  assert.equal(withLink(`Open: ${LINK_MARK}`, undefined, 'https://x'), 'Open: (link no longer available)');
});
