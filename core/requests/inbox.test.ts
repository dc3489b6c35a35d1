import { describe, expect, it } from 'vitest';
import { parseInboxFilter } from './inbox';

describe('parseInboxFilter', () => {
  const sites = ['site-a', 'site-b'];
  it('reads the kind, the status and a known site', () => {
    expect(parseInboxFilter(new URLSearchParams('type=qf&etat=waiting&site=site-b'), sites)).toEqual({
      kind: 'qf',
      status: 'waiting',
      siteId: 'site-b',
    });
  });
  it('falls back to every kind, « à traiter » and every site for anything unknown', () => {
    expect(parseInboxFilter(new URLSearchParams(''), sites)).toEqual({ kind: null, status: 'submitted', siteId: null });
    expect(parseInboxFilter(new URLSearchParams('type=tout&etat=deleted&site=site-z'), sites)).toEqual({
      kind: null,
      status: 'submitted',
      siteId: null,
    });
  });
});
