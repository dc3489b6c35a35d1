/** Sites (schools, accueils) and their classes: validated, one transaction per change, audited. */
import { errorsFr } from './messages-fr';
import { SCHOOL_LEVELS, SITE_KINDS, type Actor, type Outcome, type SchoolLevel, type SiteKind } from './model';
import type { ReferentialDeps, ReferentialRepositories } from './ports';

const clean = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '').slice(0, max + 1);

export async function audit(
  repos: ReferentialRepositories,
  actor: Actor,
  action: string,
  target: string,
  details: Record<string, unknown>,
  now: Date,
) {
  await repos.audit.record({ actorUserId: actor.userId, actorLabel: actor.label, ip: actor.ip, action, target, details }, now);
}

export interface SiteInput {
  siteId: string | null;
  name: string;
  kind: string;
  address: string;
  actor: Actor;
}

export async function saveSite(input: SiteInput, deps: ReferentialDeps): Promise<Outcome<{ siteId: string }>> {
  const name = clean(input.name, 120);
  const address = clean(input.address, 300);
  const errors: Record<string, string> = {};
  if (name === '' || name.length > 120) errors.name = errorsFr.siteName;
  if (!(SITE_KINDS as readonly string[]).includes(input.kind)) errors.kind = errorsFr.siteKind;
  if (address === '' || address.length > 300) errors.address = errorsFr.siteAddress;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const site = { id: input.siteId ?? crypto.randomUUID(), name, kind: input.kind as SiteKind, address };
  const now = deps.clock.now();
  return deps.store.transaction(async (repos): Promise<Outcome<{ siteId: string }>> => {
    if (input.siteId === null) await repos.referential.insertSite(site);
    else if (!(await repos.referential.updateSite(site))) return { ok: false, errors: { form: errorsFr.siteNotFound } };
    await audit(
      repos,
      input.actor,
      input.siteId === null ? 'referential.site_created' : 'referential.site_updated',
      `site:${site.id}`,
      { name, kind: site.kind },
      now,
    );
    return { ok: true, value: { siteId: site.id } };
  });
}

export async function addClass(
  input: { siteId: string; name: string; level: string; actor: Actor },
  deps: ReferentialDeps,
): Promise<Outcome<{ classId: string }>> {
  const name = clean(input.name, 60);
  const errors: Record<string, string> = {};
  if (name === '' || name.length > 60) errors.className = errorsFr.className;
  if (!(SCHOOL_LEVELS as readonly string[]).includes(input.level)) errors.classLevel = errorsFr.classLevel;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const now = deps.clock.now();
  const siteClass = { id: crypto.randomUUID(), siteId: input.siteId, name, level: input.level as SchoolLevel };
  return deps.store.transaction(async (repos): Promise<Outcome<{ classId: string }>> => {
    if (!(await repos.referential.site(input.siteId))) return { ok: false, errors: { form: errorsFr.siteNotFound } };
    if (!(await repos.referential.insertClass(siteClass, now))) return { ok: false, errors: { className: errorsFr.classExists } };
    await audit(
      repos,
      input.actor,
      'referential.class_added',
      `site:${input.siteId}`,
      { classId: siteClass.id, name, level: siteClass.level },
      now,
    );
    return { ok: true, value: { classId: siteClass.id } };
  });
}

export async function removeClass(input: { siteId: string; classId: string; actor: Actor }, deps: ReferentialDeps): Promise<Outcome<null>> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos): Promise<Outcome<null>> => {
    const removed = await repos.referential.deleteClass(input.siteId, input.classId);
    if (!removed) return { ok: false, errors: { form: errorsFr.classNotFound } };
    await audit(repos, input.actor, 'referential.class_removed', `site:${input.siteId}`, { classId: removed.id, name: removed.name }, now);
    return { ok: true, value: null };
  });
}
