/**
 * The route × role matrix: every route declared in app/web/route-access.ts, requested as every role and
 * anonymously, answers as the declared permission says; and routes.ts and the declaration list the same routes.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import routes from '../../app/routes';
import { ROUTE_ACCESS } from '../../app/web/route-access';
import { can, PERMISSIONS, type Permission } from '../../core/accounts/permissions';
import type { Role } from '../../core/accounts/roles';
import { loginHttp, request, SOURCE_IP } from './helpers';

interface RouteEntry {
  path?: string;
  index?: boolean;
  children?: RouteEntry[];
}

/** Every URL pattern of the route tree: nested paths joined, index routes at their parent's path. */
function flatten(entries: RouteEntry[], prefix = ''): string[] {
  return entries.flatMap((entry) => {
    const here = entry.path ? `${prefix}/${entry.path}`.replace(/\/+/g, '/') : prefix;
    const own = entry.index || entry.path ? [here || '/'] : [];
    return [...own, ...flatten(entry.children ?? [], here)];
  });
}

const ROLES: Role[] = ['parent', 'admin', 'agent', 'regisseur', 'animateur'];
/** POST-only or catch-all: checked elsewhere (logout in login.test.ts, the language switch in home.test.ts, 404 in security.test.ts). */
const SKIPPED = new Set(['/*', '/deconnexion', '/langue']);

const cookies = new Map<Role, string>();
let realNewsId: string | null = null;
let realDocumentId: string | null = null;

beforeAll(async () => {
  for (const role of ROLES) cookies.set(role, await loginHttp(role, SOURCE_IP.roles));
  // Real ids for the parametric routes: a news item as staff see it, a published document from the home page.
  const list = await request('/admin/actualites', { cookie: cookies.get('admin') });
  realNewsId = /\/admin\/actualites\/([0-9a-f-]{36})/.exec(list.text)?.[1] ?? null;
  const home = await request('/');
  realDocumentId = /\/documents\/([0-9a-f-]{36})/.exec(home.text)?.[1] ?? null;
});

describe('the declared route list', () => {
  it('names every route of app/routes.ts, and nothing else', () => {
    const declared = Object.keys(ROUTE_ACCESS).sort();
    const actual = [...new Set(flatten(routes as RouteEntry[]))].sort();
    expect(actual).toEqual(declared);
  });

  it('uses only permissions of the matrix', () => {
    for (const [path, access] of Object.entries(ROUTE_ACCESS)) {
      if (access !== 'public') expect(Object.keys(PERMISSIONS), path).toContain(access);
    }
  });
});

type Who = Role | 'anonymous';

/** The URLs to request for a pattern, with the answer an allowed visitor gets. */
function targets(pattern: string): { url: string; allowedStatus: number }[] {
  if (pattern === '/admin/actualites/:newsId') {
    const list = [{ url: `/admin/actualites/${randomUUID()}`, allowedStatus: 404 }];
    if (realNewsId) list.push({ url: `/admin/actualites/${realNewsId}`, allowedStatus: 200 });
    return list;
  }
  if (pattern === '/documents/:documentId') {
    const list = [{ url: `/documents/${randomUUID()}`, allowedStatus: 404 }];
    if (realDocumentId) list.push({ url: `/documents/${realDocumentId}`, allowedStatus: 200 });
    return list;
  }
  // Any other parametric route: an id that does not exist is « not found » for whoever may open the route.
  if (pattern.includes(':')) return [{ url: pattern.replace(/:[A-Za-z]+/g, () => randomUUID()), allowedStatus: 404 }];
  if (pattern === '/reinitialiser-mot-de-passe') return [{ url: pattern, allowedStatus: 400 }];
  return [{ url: pattern, allowedStatus: 200 }];
}

function expected(pattern: string, who: Who, allowedStatus: number, url: string): { status: number; location?: string } {
  const access = ROUTE_ACCESS[pattern] as Permission | 'public';
  if (access === 'public') {
    // A signed-in user opening the login page is sent to their own home.
    if (pattern === '/connexion' && who !== 'anonymous') return { status: 302, location: who === 'parent' ? '/portail' : '/admin' };
    return { status: allowedStatus };
  }
  if (who === 'anonymous') return { status: 302, location: `/connexion?redirectTo=${encodeURIComponent(url)}` };
  return can(who, access) ? { status: allowedStatus } : { status: 403 };
}

describe('every route × every role', () => {
  const patterns = Object.keys(ROUTE_ACCESS).filter((p) => !SKIPPED.has(p));
  for (const who of ['anonymous', ...ROLES] as Who[]) {
    it(`answers as declared for ${who}`, async () => {
      const problems: string[] = [];
      for (const pattern of patterns) {
        for (const { url, allowedStatus } of targets(pattern)) {
          const want = expected(pattern, who, allowedStatus, url);
          const res = await request(url, { cookie: who === 'anonymous' ? undefined : cookies.get(who), localAddress: SOURCE_IP.roles });
          const got = `${res.status}${res.location ? ` → ${res.location}` : ''}`;
          const wanted = `${want.status}${want.location ? ` → ${want.location}` : ''}`;
          if (got !== wanted) problems.push(`${who} GET ${url}: expected ${wanted}, got ${got}`);
          if (res.status === 403) {
            if (!res.text.includes('Accès refusé')) problems.push(`${who} GET ${url}: the 403 page lacks « Accès refusé »`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('found real ids for the parametric routes', () => {
    expect(realNewsId, 'a news id on /admin/actualites').not.toBeNull();
  });
});
