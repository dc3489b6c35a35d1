/** Which sites each animateur works at: their attendance lists, meal counts and dashboard are limited to those. */
import { isSiteLimited, type SiteScope, type Viewer } from './model';
import type { BackOfficeDeps } from './ports';

export async function siteScope(viewer: Pick<Viewer, 'userId' | 'role'>, deps: Pick<BackOfficeDeps, 'store'>): Promise<SiteScope> {
  if (!isSiteLimited(viewer.role)) return { kind: 'all' };
  return { kind: 'sites', siteIds: await deps.store.staffSites.sitesOf(viewer.userId) };
}

/** The site ids a query should be limited to (null = every site). */
export function scopeIds(scope: SiteScope): string[] | null {
  return scope.kind === 'all' ? null : scope.siteIds;
}

export async function assignSites(
  input: { userId: string; siteIds: readonly string[]; viewer: Viewer },
  deps: Pick<BackOfficeDeps, 'store' | 'clock'>,
): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'unknown_site' }> {
  const now = deps.clock.now();
  const user = await deps.store.users.findById(input.userId);
  if (!user || user.role === 'parent') return { ok: false, error: 'not_found' };
  const known = new Set((await deps.store.families.sites()).map((s) => s.id));
  const siteIds = [...new Set(input.siteIds)];
  if (siteIds.some((id) => !known.has(id))) return { ok: false, error: 'unknown_site' };
  await deps.store.transaction(async (repos) => {
    await repos.staffSites.replace(user.id, siteIds, now);
    await repos.audit.record(
      { actorUserId: input.viewer.userId, actorLabel: input.viewer.label, action: 'staff.sites_assigned', target: `user:${user.id}`, ip: input.viewer.ip, details: { siteIds } },
      now,
    );
  });
  return { ok: true };
}
