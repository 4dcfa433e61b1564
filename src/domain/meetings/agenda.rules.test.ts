import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOverdue } from './agenda.service.js';

describe('the overdue flag', () => {
  it('is set when the due date passed and the outcome is neither delivered nor dropped', () => {
    assert.equal(isOverdue({ due: '2025-01-01', status: 'agreed' }, '2025-01-02'), true);
    assert.equal(isOverdue({ due: '2025-01-01', status: 'in-progress' }, '2025-01-02'), true);
    assert.equal(isOverdue({ due: '2025-01-01', status: 'stalled' }, '2025-01-02'), true);
    assert.equal(isOverdue({ due: '2025-01-01', status: 'delivered' }, '2025-01-02'), false);
    assert.equal(isOverdue({ due: '2025-01-01', status: 'dropped' }, '2025-01-02'), false);
    assert.equal(isOverdue({ due: '2025-01-02', status: 'agreed' }, '2025-01-02'), false, 'due today is not late');
    assert.equal(isOverdue({ status: 'agreed' }, '2025-01-02'), false, 'no due date, never overdue');
  });
});
