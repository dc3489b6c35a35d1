import { describe, expect, it } from 'vitest';
import { isRunStalled } from './invoicing-run';

describe('a stalled invoicing run', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  it('is a running run nobody moved for longer than the lease', () => {
    expect(isRunStalled({ status: 'running', updatedAt: '2026-11-27T09:58:59Z' }, now)).toBe(true);
    expect(isRunStalled({ status: 'running', updatedAt: '2026-11-27T09:59:30Z' }, now)).toBe(false);
    expect(isRunStalled({ status: 'done', updatedAt: '2026-11-27T08:00:00Z' }, now)).toBe(false);
  });
});
