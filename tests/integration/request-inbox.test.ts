/**
 * The single démarches inbox on every dialect: filters by kind, status and site; the waiting lists in the order
 * the families are told; « accepter depuis la liste d'attente » (decision, audit event, e-mail), refused for a
 * request that is not waiting.
 */
import { afterEach, expect, it } from 'vitest';
import { createChild, createFamily, createSite } from '../../server/demo/factories';
import { describeEachDialect } from '../harness/databases';
import { countRows, dossierWorld, PDF, posted, type World } from './dossier-helpers';

describeEachDialect('the démarches inbox', (getHandle) => {
  let world: World | null = null;
  afterEach(() => {
    world?.cleanup();
    world = null;
  });

  it('filters by kind, status and site, lists each waiting list in order, and accepts from it', async () => {
    const w = (world = await dossierWorld(getHandle()));
    const enrol = async (familyId: string, childId: string, actor: World['a']['actor']) => {
      w.clock.advance(60_000);
      const result = await w.dossier.enrol({
        familyId,
        activityId: w.wednesday.id,
        childIds: [childId],
        documents: { assurance: { existingId: null, file: posted('assurance.pdf', PDF) } },
        note: '',
        actor,
      });
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.value.requestIds[0];
    };
    const chloe = await enrol(w.a.family.id, w.a.chloe.id, w.a.actor);
    const hugo = await enrol(w.b.family.id, w.b.child.id, w.b.actor);
    // A family whose only child goes to another school asks to change its address.
    const jaures = await createSite(w.db, { name: 'École Jean-Jaurès' });
    const roux = await createFamily(w.db, { name: 'Roux', email: 'roux@example.fr' });
    await createChild(w.db, { family_id: roux.id, first_name: 'Iris', last_name: 'Roux', site_id: jaures.id });
    w.clock.advance(60_000);
    const moved = await w.dossier.submitChange({
      familyId: roux.id,
      change: { kind: 'address', address: { addressLine: '5 rue Neuve', postalCode: '69998', city: 'Villeneuve' } },
      note: '',
      proof: { existingId: null, file: posted('facture.pdf', PDF) },
      actor: { userId: null, label: 'famille.roux', ip: null },
    });
    if (!moved.ok) throw new Error(JSON.stringify(moved));
    const address = moved.value.requestId;

    for (const id of [chloe, hugo])
      expect((await w.dossier.decide({ requestId: id, decision: 'waiting', message: 'Complet', actor: w.agent })).ok).toBe(true);

    const ids = async (filter: Partial<Parameters<typeof w.store.requestInbox.search>[0]>) =>
      (await w.store.requestInbox.search({ kind: null, status: 'submitted', siteId: null, limit: 50, ...filter })).map((r) => r.id);
    expect(await ids({})).toEqual([chloe, hugo, address]);
    expect(await ids({ status: 'waiting' })).toEqual([chloe, hugo]);
    expect(await ids({ kind: 'address' })).toEqual([address]);
    expect(await ids({ kind: 'enrolment', status: 'waiting', siteId: w.a.site.id })).toEqual([chloe, hugo]);
    expect(await ids({ siteId: jaures.id })).toEqual([address]);
    expect(await ids({ siteId: w.a.site.id })).toEqual([chloe, hugo]);
    expect(await ids({ status: 'accepted' })).toEqual([]);

    // The waiting list: the positions the families were told.
    const list = await w.store.requestInbox.waitingLists(null);
    expect(list.map((e) => [e.position, e.childFirstName, e.familyName, e.requestId, e.activityName, e.siteName])).toEqual([
      [1, 'Chloé', 'Martin', chloe, 'Accueil du mercredi Les Lutins', w.a.site.name],
      [2, 'Hugo', 'Bernard', hugo, 'Accueil du mercredi Les Lutins', w.a.site.name],
    ]);
    const told = await w.store.enrolments.find(list[1].enrolmentId);
    expect(told?.waitingPosition).toBe(2);
    expect(await w.store.requestInbox.waitingLists(jaures.id)).toEqual([]);

    // Accepting Hugo from the list: enrolled, an audit event and an e-mail; Chloé stays first.
    w.mailer.sent.length = 0;
    const accepted = await w.dossier.acceptFromWaitingList({ requestId: hugo, message: '', actor: w.agent });
    expect(accepted).toMatchObject({ ok: true, value: { request: { id: hugo, status: 'accepted' } } });
    expect(await w.store.enrolments.find(list[1].enrolmentId)).toMatchObject({ status: 'accepted' });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]).toMatchObject({
      to: 'bernard@example.fr',
      subject: 'Inscription acceptée : Hugo – Accueil du mercredi Les Lutins',
    });
    const events = await w.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target', '=', `request:${hugo}`)
      .where('action', '=', 'request.accepted')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0].actor_user_id).toBe(w.agent.userId);
    expect((await w.store.requestInbox.waitingLists(null)).map((e) => [e.position, e.childFirstName])).toEqual([[1, 'Chloé']]);
    expect(await ids({ status: 'accepted' })).toEqual([hugo]);

    // Not waiting (an address change, or Hugo again): refused, nothing written, no e-mail.
    const audit = await countRows(w, 'audit_events');
    expect(await w.dossier.acceptFromWaitingList({ requestId: address, message: '', actor: w.agent })).toEqual({
      ok: false,
      error: 'not_waiting',
    });
    expect(await w.dossier.acceptFromWaitingList({ requestId: hugo, message: '', actor: w.agent })).toEqual({
      ok: false,
      error: 'not_waiting',
    });
    expect(
      await w.dossier.acceptFromWaitingList({ requestId: '00000000-0000-4000-8000-000000000000', message: '', actor: w.agent }),
    ).toEqual({ ok: false, error: 'not_found' });
    expect(await countRows(w, 'audit_events')).toBe(audit);
    expect(w.mailer.sent).toHaveLength(1);
    expect(await ids({ status: 'submitted' })).toEqual([chloe, address]);
  });
});
