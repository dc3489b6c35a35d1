/**
 * Mon dossier, démarches, family documents, inscriptions and Mon compte, on SQLite and PostgreSQL: every use case,
 * every decision (change applied in the same transaction, audit event, e-mail after commit), the upload checks
 * (nothing stored half-way), and each id of another family answered exactly as an unknown id.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../core/accounts/tokens';
import { describeEachDialect } from '../harness/databases';
import { countRows, dossierWorld, filesUnder, HTML, JPEG, PDF, PNG, posted, SVG, type World } from './dossier-helpers';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describeEachDialect('Mon dossier and Inscriptions', (getHandle) => {
  let world: World | null = null;
  const setup = async (options: { quota?: number; maxBytes?: number } = {}) => (world = await dossierWorld(getHandle(), options));
  afterEach(() => {
    world?.cleanup();
    world = null;
  });

  describe('the family file and the changes made at once', () => {
    it('reads the family file: guardians, children eldest first, QF, resident status', async () => {
      const w = await setup();
      const file = await w.store.familyFile.file(w.a.family.id);
      expect(file).toMatchObject({ name: 'Martin', phone: '06 12 34 56 78', resident: true, qf: 1000, documentBytes: 0, authorisedPersons: [] });
      expect(file?.children.map((c) => c.firstName)).toEqual(['Sarah', 'Chloé']);
      expect(file?.guardians.map((g) => g.firstName).sort()).toEqual(['Julie', 'Thomas']);
      expect(await w.store.familyFile.file(UNKNOWN)).toBeNull();
    });

    it('changes the phones at once, with an audit event; another family’s guardian is « not found » and changes nothing', async () => {
      const w = await setup();
      const ok = await w.dossier.updatePhones({ familyId: w.a.family.id, phone: '01 23 45 67 89', guardians: [{ id: w.a.thomas.id, phone: '06 00 00 00 01' }], actor: w.a.actor });
      expect(ok).toEqual({ ok: true, value: { changed: true } });
      const file = await w.store.familyFile.file(w.a.family.id);
      expect(file?.phone).toBe('01 23 45 67 89');
      expect(file?.guardians.find((g) => g.id === w.a.thomas.id)?.phone).toBe('06 00 00 00 01');
      expect((await w.store.audit.list({ limit: 5, offset: 0 }))[0]).toMatchObject({ action: 'family.phones_updated', target: `family:${w.a.family.id}` });

      const foreign = await w.dossier.updatePhones({ familyId: w.a.family.id, phone: '09 99 99 99 99', guardians: [{ id: w.b.guardian.id, phone: '06 66 66 66 66' }], actor: w.a.actor });
      const unknown = await w.dossier.updatePhones({ familyId: w.a.family.id, phone: '09 99 99 99 99', guardians: [{ id: UNKNOWN, phone: '06 66 66 66 66' }], actor: w.a.actor });
      expect(foreign).toEqual({ ok: false, error: 'not_found' });
      expect(unknown).toEqual(foreign);
      expect((await w.store.familyFile.file(w.a.family.id))?.phone).toBe('01 23 45 67 89');
      expect((await w.store.familyFile.file(w.b.family.id))?.guardians[0].phone).toBe('07 11 22 33 44');
    });

    it('changes the e-mail only through the single-use link sent to the new address; the old address is told', async () => {
      const w = await setup();
      const asked = await w.dossier.requestEmailChange({ user: w.a.user, newEmail: 'julie.martin@example.org', commune: 'Saint-Exemple', actor: w.a.actor });
      expect(asked.ok).toBe(true);
      const mail = w.mailer.sent.at(-1)!;
      expect(mail.to).toBe('julie.martin@example.org');
      const link = /http:\/\/portail\.test\/portail\/dossier\/confirmer-email\?token=(\S+)/.exec(mail.text);
      expect(link).not.toBeNull();
      const token = decodeURIComponent(link![1]);
      // Stored hashed only.
      const stored = await w.db.selectFrom('email_change_tokens').selectAll().execute();
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).toBe(hashToken(token));
      expect(JSON.stringify(stored)).not.toContain(token);
      expect((await w.store.users.findById(w.a.user.id))?.email).toBe('martin@example.fr');

      // Another account cannot use the link.
      expect(await w.dossier.confirmEmailChange({ token, user: w.b.user, commune: 'Saint-Exemple', actor: w.b.actor })).toEqual({ ok: false, error: 'invalid_token' });
      expect(await w.dossier.peekEmailChange({ token, userId: w.a.user.id })).toBe('julie.martin@example.org');
      const confirmed = await w.dossier.confirmEmailChange({ token, user: w.a.user, commune: 'Saint-Exemple', actor: w.a.actor });
      expect(confirmed).toEqual({ ok: true, value: { email: 'julie.martin@example.org' } });
      expect((await w.store.users.findById(w.a.user.id))?.email).toBe('julie.martin@example.org');
      const file = await w.store.familyFile.file(w.a.family.id);
      expect(file?.email).toBe('julie.martin@example.org');
      expect(file?.guardians.find((g) => g.id === w.a.julie.id)?.email).toBe('julie.martin@example.org');
      expect(file?.guardians.find((g) => g.id === w.a.thomas.id)?.email).toBe('thomas@example.com');
      expect(w.mailer.sent.at(-1)).toMatchObject({ to: 'martin@example.fr', subject: 'Votre adresse e-mail a été modifiée' });
      // Single use.
      expect(await w.dossier.confirmEmailChange({ token, user: { ...w.a.user, email: 'julie.martin@example.org' }, commune: 'Saint-Exemple', actor: w.a.actor })).toEqual({ ok: false, error: 'invalid_token' });
    });

    it('refuses an address another account signs in with, and the link stays usable', async () => {
      const w = await setup();
      await w.dossier.requestEmailChange({ user: w.a.user, newEmail: 'bernard@example.fr', commune: 'Saint-Exemple', actor: w.a.actor });
      const token = decodeURIComponent(/token=(\S+)/.exec(w.mailer.sent.at(-1)!.text)![1]);
      expect(await w.dossier.confirmEmailChange({ token, user: w.a.user, commune: 'Saint-Exemple', actor: w.a.actor })).toEqual({ ok: false, error: 'email_taken' });
      expect(await w.dossier.peekEmailChange({ token, userId: w.a.user.id })).toBe('bernard@example.fr');
      expect((await w.store.users.findById(w.a.user.id))?.email).toBe('martin@example.fr');
    });
  });

  describe('démarches decided by staff', () => {
    it('asks for an address change with a proof; the agent accepts it: address, resident status and document in one go, audit and e-mail', async () => {
      const w = await setup();
      const submitted = await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'address', address: { addressLine: '3 place de la Mairie', postalCode: '69998', city: 'Villeneuve' } },
        note: 'Déménagement le 1er décembre',
        proof: { existingId: null, file: posted('facture EDF.pdf', PDF) },
        actor: w.a.actor,
      });
      if (!submitted.ok) throw new Error(JSON.stringify(submitted));
      const [request] = await w.store.requests.list(w.a.family.id, 10);
      expect(request).toMatchObject({ id: submitted.value.requestId, kind: 'address', status: 'submitted', familyNote: 'Déménagement le 1er décembre' });
      expect(request.documents).toMatchObject([{ kind: 'justificatif_domicile', fileName: 'facture EDF.pdf', status: 'pending' }]);
      expect((await w.store.familyFile.file(w.a.family.id))?.documentBytes).toBe(PDF.length);

      // One address change at a time.
      const again = await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'address', address: { addressLine: '4 place de la Mairie', postalCode: '69998', city: 'Villeneuve' } },
        note: '',
        proof: { existingId: request.documents[0].id, file: null },
        actor: w.a.actor,
      });
      expect(again).toEqual({ ok: false, error: 'already_pending' });

      // The inbox lists it with the family.
      const inbox = await w.store.requests.listSubmitted({ limit: 10 });
      expect(inbox.map((r) => [r.id, r.familyName])).toEqual([[request.id, 'Martin']]);
      expect((await w.store.requests.countSubmitted()).address).toBe(1);

      // Refusing needs a message.
      expect(await w.dossier.decide({ requestId: request.id, decision: 'refuse', message: '  ', actor: w.agent })).toEqual({ ok: false, error: 'message_required' });
      w.mailer.sent.length = 0;
      w.clock.advance(60_000);
      const accepted = await w.dossier.decide({ requestId: request.id, decision: 'accept', message: 'Bienvenue à Villeneuve', resident: false, actor: w.agent });
      expect(accepted.ok).toBe(true);
      const file = await w.store.familyFile.file(w.a.family.id);
      expect(file).toMatchObject({ addressLine: '3 place de la Mairie', postalCode: '69998', city: 'Villeneuve', resident: false });
      const [after] = await w.store.requests.list(w.a.family.id, 10);
      expect(after).toMatchObject({ status: 'accepted', message: 'Bienvenue à Villeneuve', decidedByLabel: 'agent' });
      expect(after.documents[0].status).toBe('accepted');
      const document = await w.store.familyDocuments.find(w.a.family.id, after.documents[0].id);
      expect(document?.validUntil).toBeNull(); // a proof of address does not expire
      expect(w.mailer.sent).toHaveLength(1);
      expect(w.mailer.sent[0]).toMatchObject({ to: 'martin@example.fr', subject: 'Votre demande de changement d’adresse est acceptée' });
      expect(w.mailer.sent[0].text).toContain('Bienvenue à Villeneuve');
      const events = await w.store.audit.list({ limit: 10, offset: 0 });
      expect(events[0]).toMatchObject({ action: 'request.accepted', target: `request:${request.id}`, actorLabel: 'agent' });

      // A second agent's decision changes nothing.
      expect(await w.dossier.decide({ requestId: request.id, decision: 'refuse', message: 'Non', actor: w.agent })).toEqual({ ok: false, error: 'already_decided' });
      expect(await w.dossier.decide({ requestId: UNKNOWN, decision: 'accept', message: '', actor: w.agent })).toEqual({ ok: false, error: 'not_found' });
    });

    it('refuses a QF change with a reason: the family keeps its QF, the attestation is refused, the e-mail gives the reason', async () => {
      const w = await setup();
      const uploaded = await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'attestation_qf', childId: null, file: posted('attestation-caf.pdf', PDF), note: '', actor: w.a.actor });
      if (!uploaded.ok) throw new Error(JSON.stringify(uploaded));
      const submitted = await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'qf', qf: 450, validUntil: '2027-12-31' },
        note: '',
        proof: { existingId: uploaded.value.document.id, file: null },
        actor: w.a.actor,
      });
      if (!submitted.ok) throw new Error(JSON.stringify(submitted));
      w.mailer.sent.length = 0;
      const refusal = await w.dossier.decide({ requestId: submitted.value.requestId, decision: 'refuse', message: 'L’attestation date de 2019.', actor: w.agent });
      expect(refusal.ok).toBe(true);
      expect((await w.store.familyFile.file(w.a.family.id))?.qf).toBe(1000);
      expect((await w.store.familyDocuments.find(w.a.family.id, uploaded.value.document.id))).toMatchObject({ status: 'refused', reviewMessage: 'L’attestation date de 2019.' });
      // Its own review request is closed with the same decision (one e-mail, for the QF request).
      expect((await w.store.requests.find(w.a.family.id, uploaded.value.requestId))?.status).toBe('refused');
      expect(w.mailer.sent).toHaveLength(1);
      expect(w.mailer.sent[0].subject).toBe('Votre demande de mise à jour du quotient familial est refusée');
      expect(w.mailer.sent[0].text).toContain('Motif :\nL’attestation date de 2019.');
      // A refused document cannot prove a new request.
      const retry = await w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'qf', qf: 450, validUntil: '2027-12-31' }, note: '', proof: { existingId: uploaded.value.document.id, file: null }, actor: w.a.actor });
      expect(retry).toEqual({ ok: false, error: 'proof_refused' });
    });

    it('accepts a QF change: the QF, its validity and the attestation’s expiry are applied together', async () => {
      const w = await setup();
      const submitted = await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'qf', qf: 450, validUntil: '2027-06-30' },
        note: '',
        proof: { existingId: null, file: posted('caf.png', PNG) },
        actor: w.a.actor,
      });
      if (!submitted.ok) throw new Error(JSON.stringify(submitted));
      expect((await w.dossier.decide({ requestId: submitted.value.requestId, decision: 'accept', message: '', actor: w.agent })).ok).toBe(true);
      expect(await w.store.familyFile.file(w.a.family.id)).toMatchObject({ qf: 450, qfValidUntil: '2027-06-30' });
      const [doc] = await w.store.familyDocuments.list(w.a.family.id);
      expect(doc).toMatchObject({ kind: 'attestation_qf', status: 'accepted', validUntil: '2027-06-30', mediaType: 'image/png' });
    });

    it('a child’s health and the authorised persons change once accepted; a new PAI needs its document', async () => {
      const w = await setup();
      const noProof = await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'child_health', childId: w.a.chloe.id, health: { diet: 'vegetarien', allergies: 'arachide', hasPai: true } },
        note: '',
        proof: { existingId: null, file: null },
        actor: w.a.actor,
      });
      expect(noProof).toEqual({ ok: false, error: 'proof_required' });
      const health = await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'child_health', childId: w.a.chloe.id, health: { diet: 'vegetarien', allergies: 'arachide', hasPai: true } },
        note: '',
        proof: { existingId: null, file: posted('pai-chloe.pdf', PDF) },
        actor: w.a.actor,
      });
      const persons = await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'authorised_persons', persons: [{ fullName: 'Monique Martin', relationship: 'grand-mère', phone: '04 78 00 00 00' }] },
        note: '',
        proof: { existingId: null, file: null },
        actor: w.a.actor,
      });
      if (!health.ok || !persons.ok) throw new Error(JSON.stringify([health, persons]));
      // The same child's health may not be asked twice; the other child's may.
      const twice = await w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'child_health', childId: w.a.chloe.id, health: { diet: 'sans_porc', allergies: '', hasPai: false } }, note: '', proof: { existingId: null, file: null }, actor: w.a.actor });
      expect(twice).toEqual({ ok: false, error: 'already_pending' });
      const unchanged = await w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'child_health', childId: w.a.sarah.id, health: { diet: 'standard', allergies: '', hasPai: false } }, note: '', proof: { existingId: null, file: null }, actor: w.a.actor });
      expect(unchanged).toEqual({ ok: false, error: 'nothing_changes' });

      expect((await w.dossier.decide({ requestId: health.value.requestId, decision: 'accept', message: '', actor: w.agent })).ok).toBe(true);
      expect((await w.dossier.decide({ requestId: persons.value.requestId, decision: 'accept', message: '', actor: w.agent })).ok).toBe(true);
      const file = await w.store.familyFile.file(w.a.family.id);
      expect(file?.children.find((c) => c.id === w.a.chloe.id)).toMatchObject({ diet: 'vegetarien', allergies: 'arachide', hasPai: true });
      expect(file?.authorisedPersons).toEqual([{ fullName: 'Monique Martin', relationship: 'grand-mère', phone: '04 78 00 00 00' }]);
    });

    it('lets the family withdraw a waiting request, not a decided one', async () => {
      const w = await setup();
      const submitted = await w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'authorised_persons', persons: [] }, note: '', proof: { existingId: null, file: null }, actor: w.a.actor });
      if (!submitted.ok) throw new Error(JSON.stringify(submitted));
      expect(await w.dossier.withdraw({ familyId: w.a.family.id, requestId: submitted.value.requestId, actor: w.a.actor })).toEqual({ ok: true, value: null });
      expect((await w.store.requests.find(w.a.family.id, submitted.value.requestId))?.status).toBe('withdrawn');
      expect(await w.dossier.withdraw({ familyId: w.a.family.id, requestId: submitted.value.requestId, actor: w.a.actor })).toEqual({ ok: false, error: 'not_open' });
      expect(await w.dossier.decide({ requestId: submitted.value.requestId, decision: 'accept', message: '', actor: w.agent })).toEqual({ ok: false, error: 'already_decided' });
    });
  });

  describe('family documents', () => {
    it('stores a PDF under a random name with a safe display name, and opens its review request', async () => {
      const w = await setup();
      const hostile = ['../../x', '<img src=x onerror=alert(1)>.pdf', 'a\r\nContent-Type: text/html\r\n\r\n.pdf', 'Attestation CAF été 2026.PDF'];
      const names: string[] = [];
      for (const name of hostile) {
        const result = await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: posted(name, PDF), note: '', actor: w.a.actor });
        if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
        names.push(result.value.document.fileName);
        expect(result.value.document.storageKey).toMatch(/^[a-f0-9]{32}$/);
      }
      expect(names).toEqual(['x.pdf', 'img src-x onerror-alert-1.pdf', 'html.pdf', 'Attestation CAF ete 2026.pdf']);
      for (const name of names) expect(name).not.toMatch(/[\r\n<>"/\\]/);
      expect(filesUnder(w.uploadsDir)).toHaveLength(4);
      const requests = await w.store.requests.list(w.a.family.id, 10);
      expect(requests.every((r) => r.kind === 'document_review' && r.status === 'submitted' && r.documents.length === 1)).toBe(true);
      expect((await w.store.familyFile.file(w.a.family.id))?.documentBytes).toBe(4 * PDF.length);
    });

    it('refuses a lying extension, HTML, SVG, an empty and an oversize file, and stores nothing at all', async () => {
      const w = await setup({ maxBytes: 4096 });
      const cases: [string, Uint8Array, string][] = [
        ['photo.pdf', PNG, 'extension_mismatch'],
        ['scan.docx', PDF, 'extension_mismatch'],
        ['attestation.jpg', PDF, 'extension_mismatch'],
        ['facture.pdf', HTML, 'type_not_allowed'],
        ['page.html', HTML, 'type_not_allowed'],
        ['logo.svg', SVG, 'type_not_allowed'],
        ['logo.png', SVG, 'type_not_allowed'],
        ['vide.pdf', new Uint8Array(0), 'empty'],
        ['gros.pdf', Buffer.concat([PDF, Buffer.alloc(5000)]), 'too_large'],
      ];
      for (const [name, bytes, error] of cases) {
        expect(await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: posted(name, bytes), note: '', actor: w.a.actor }), name).toEqual({ ok: false, error });
      }
      expect(await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: null, note: '', actor: w.a.actor })).toEqual({ ok: false, error: 'required' });
      expect(filesUnder(w.uploadsDir)).toEqual([]);
      expect(await countRows(w, 'family_documents')).toBe(0);
      expect(await countRows(w, 'requests')).toBe(0);
      expect((await w.store.familyFile.file(w.a.family.id))?.documentBytes).toBe(0);
      // A JPEG named .jpeg, a PNG without extension are fine.
      expect((await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: posted('photo.jpeg', JPEG), note: '', actor: w.a.actor })).ok).toBe(true);
      expect((await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: posted('scan', PNG), note: '', actor: w.a.actor })).ok).toBe(true);
    });

    it('enforces the family quota in the database, even for concurrent uploads, and keeps nothing of a refused one', async () => {
      const w = await setup({ quota: PDF.length * 2 + 10 });
      const upload = () => w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: posted('a.pdf', PDF), note: '', actor: w.a.actor });
      const results = await Promise.all([upload(), upload(), upload()]);
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'quota_exceeded' }]);
      expect(filesUnder(w.uploadsDir)).toHaveLength(2);
      expect(await countRows(w, 'family_documents')).toBe(2);
      expect((await w.store.familyFile.file(w.a.family.id))?.documentBytes).toBe(2 * PDF.length);
      // Family B has its own quota.
      expect((await w.dossier.uploadDocument({ familyId: w.b.family.id, kind: 'autre', childId: null, file: posted('b.pdf', PDF), note: '', actor: w.b.actor })).ok).toBe(true);
    });

    it('removes the file when the database write fails', async () => {
      const w = await setup();
      const failing = { ...w.dossier.deps, store: { ...w.dossier.deps.store, transaction: async () => Promise.reject(new Error('database unavailable')) } };
      const { uploadFamilyDocument } = await import('../../core/documents/service');
      await expect(uploadFamilyDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: posted('a.pdf', PDF), note: '', actor: w.a.actor }, failing)).rejects.toThrow('database unavailable');
      expect(filesUnder(w.uploadsDir)).toEqual([]);
      expect(await countRows(w, 'family_documents')).toBe(0);
    });

    it('deletes a document (its review withdrawn, bytes and file released) unless a pending change needs it', async () => {
      const w = await setup();
      const first = await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'justificatif_domicile', childId: null, file: posted('edf.pdf', PDF), note: '', actor: w.a.actor });
      const second = await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: null, file: posted('autre.pdf', PDF), note: '', actor: w.a.actor });
      if (!first.ok || !second.ok) throw new Error('upload failed');
      await w.dossier.submitChange({
        familyId: w.a.family.id,
        change: { kind: 'address', address: { addressLine: '1 rue Neuve', postalCode: '69999', city: 'Saint-Exemple' } },
        note: '',
        proof: { existingId: first.value.document.id, file: null },
        actor: w.a.actor,
      });
      expect(await w.dossier.deleteDocument({ familyId: w.a.family.id, documentId: first.value.document.id, actor: w.a.actor })).toEqual({ ok: false, error: 'in_use' });
      expect(await w.dossier.deleteDocument({ familyId: w.a.family.id, documentId: second.value.document.id, actor: w.a.actor })).toEqual({ ok: true, value: null });
      expect(await w.store.familyDocuments.find(w.a.family.id, second.value.document.id)).toBeNull();
      expect((await w.store.requests.find(w.a.family.id, second.value.requestId))?.status).toBe('withdrawn');
      expect(filesUnder(w.uploadsDir)).toHaveLength(1);
      expect((await w.store.familyFile.file(w.a.family.id))?.documentBytes).toBe(PDF.length);
    });
  });

  describe('inscriptions', () => {
    it('lists the activities of the school year with rules and this family’s price, and each child’s enrolments', async () => {
      const w = await setup();
      const { years, current } = await w.dossier.enrolments.years();
      expect(years.map((y) => y.id)).toEqual([w.a.schoolYear.id]);
      expect(current).toBe(w.a.schoolYear.id);
      const offers = await w.dossier.enrolments.offers(w.a.family.id, w.a.schoolYear.id);
      expect(offers?.map((o) => [o.activity.name, o.enrolmentMode, o.requiredDocuments, o.price?.cents])).toEqual([
        ['Cantine', 'manual', [], 305],
        ['Garderie du matin Les Lutins', 'automatic', [], 220],
        ['Accueil du mercredi Les Lutins', 'manual', ['assurance'], 660],
      ]);
      expect(offers?.[2].price?.label).toContain('Tarif QF 4');
      const children = await w.dossier.enrolments.familyEnrolments(w.a.family.id, w.a.schoolYear.id);
      expect(children?.map((c) => [c.child.firstName, c.enrolments.map((e) => [e.offer.activity.name, e.status])])).toEqual([
        ['Sarah', [['Cantine', 'accepted']]],
        ['Chloé', []],
      ]);
    });

    it('enrols Chloé at the Wednesday centre with the insurance; staff put her on the waiting list, then accept: the planning opens', async () => {
      const w = await setup();
      const missing = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.chloe.id], documents: {}, note: '', actor: w.a.actor });
      expect(missing).toEqual({ ok: false, error: 'document_required', fields: { 'document-assurance': 'document_required' } });
      const noChild = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [], documents: {}, note: '', actor: w.a.actor });
      expect(noChild).toEqual({ ok: false, error: 'no_child' });

      const planningBefore = await w.booking.booking.planning({ familyId: w.a.family.id, childId: w.a.chloe.id, view: 'month', date: '2027-01-01' });
      expect(planningBefore.ok && planningBefore.value.rows.map((r) => r.activity.name)).toEqual([]);

      const enrolled = await w.dossier.enrol({
        familyId: w.a.family.id,
        activityId: w.wednesday.id,
        childIds: [w.a.chloe.id],
        documents: { assurance: { existingId: null, file: posted('assurance.pdf', PDF) } },
        note: 'Le mercredi matin seulement',
        actor: w.a.actor,
      });
      expect(enrolled).toMatchObject({ ok: true, value: { automatic: false, children: ['Chloé'] } });
      if (!enrolled.ok) return;
      const requestId = enrolled.value.requestIds[0];
      const request = await w.store.requests.find(w.a.family.id, requestId);
      expect(request).toMatchObject({ kind: 'enrolment', status: 'submitted', childFirstName: 'Chloé', activityName: 'Accueil du mercredi Les Lutins' });
      expect(request?.documents.map((d) => d.kind)).toEqual(['assurance']);
      // Asked twice: refused.
      const twice = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.chloe.id], documents: { assurance: { existingId: request!.documents[0].id, file: null } }, note: '', actor: w.a.actor });
      expect(twice).toEqual({ ok: false, error: 'already_enrolled', fields: { children: 'Chloé' } });

      // Waiting list, with its position, then accepted: an e-mail each time.
      w.mailer.sent.length = 0;
      expect((await w.dossier.decide({ requestId, decision: 'waiting', message: 'Complet en janvier', actor: w.agent })).ok).toBe(true);
      const waiting = await w.dossier.enrolments.familyEnrolments(w.a.family.id, w.a.schoolYear.id);
      expect(waiting?.[1].enrolments[0]).toMatchObject({ status: 'waiting', waitingPosition: 1, message: 'Complet en janvier' });
      expect(w.mailer.sent[0]).toMatchObject({ subject: 'Inscription sur liste d’attente : Chloé – Accueil du mercredi Les Lutins' });
      expect(w.mailer.sent[0].text).toContain('(position 1)');
      expect((await w.dossier.decide({ requestId, decision: 'accept', message: '', actor: w.agent })).ok).toBe(true);
      expect(w.mailer.sent[1]).toMatchObject({ to: 'martin@example.fr', subject: 'Inscription acceptée : Chloé – Accueil du mercredi Les Lutins' });
      const after = await w.dossier.enrolments.familyEnrolments(w.a.family.id, w.a.schoolYear.id);
      expect(after?.[1].enrolments[0]).toMatchObject({ status: 'accepted', waitingPosition: null });
      expect((await w.store.familyDocuments.list(w.a.family.id))[0]).toMatchObject({ kind: 'assurance', status: 'accepted', validUntil: '2027-08-31' });

      const planning = await w.booking.booking.planning({ familyId: w.a.family.id, childId: w.a.chloe.id, view: 'month', date: '2027-01-01' });
      if (!planning.ok) throw new Error('planning');
      const row = planning.value.rows.find((r) => r.activity.id === w.wednesday.id);
      expect(row).toBeDefined();
      expect(row?.cells.filter((c) => c.open).every((c) => c.lock?.reason !== 'not_enrolled')).toBe(true);
      expect(row?.cells.some((c) => c.editable)).toBe(true);
    });

    it('accepts at once where the activity says so (new documents still reviewed), refuses with a reason, and a refused child may ask again', async () => {
      const w = await setup();
      w.mailer.sent.length = 0;
      const auto = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.morning.id, childIds: [w.a.sarah.id, w.a.chloe.id], documents: {}, note: '', actor: w.a.actor });
      expect(auto).toMatchObject({ ok: true, value: { automatic: true, children: ['Sarah', 'Chloé'] } });
      const list = await w.dossier.enrolments.familyEnrolments(w.a.family.id, w.a.schoolYear.id);
      expect(list?.map((c) => c.enrolments.find((e) => e.activityId === w.morning.id)?.status)).toEqual(['accepted', 'accepted']);
      expect(w.mailer.sent.map((m) => m.subject)).toEqual([
        'Inscription acceptée : Sarah – Garderie du matin Les Lutins',
        'Inscription acceptée : Chloé – Garderie du matin Les Lutins',
      ]);
      const requests = await w.store.requests.list(w.a.family.id, 10);
      expect(requests.every((r) => r.status === 'accepted' && r.decidedByLabel === 'automatique')).toBe(true);

      // Manual: refused with a reason, then asked again (the same enrolment starts over).
      const asked = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.sarah.id], documents: { assurance: { existingId: null, file: posted('assurance.jpg', JPEG) } }, note: '', actor: w.a.actor });
      if (!asked.ok) throw new Error(JSON.stringify(asked));
      expect((await w.dossier.decide({ requestId: asked.value.requestIds[0], decision: 'refuse', message: 'Réservé aux enfants de maternelle', actor: w.agent })).ok).toBe(true);
      const refusedList = await w.dossier.enrolments.familyEnrolments(w.a.family.id, w.a.schoolYear.id);
      expect(refusedList?.[0].enrolments.find((e) => e.activityId === w.wednesday.id)).toMatchObject({ status: 'refused', message: 'Réservé aux enfants de maternelle' });
      expect(w.mailer.sent.at(-1)?.text).toContain('Réservé aux enfants de maternelle');
      // The refused insurance cannot be reused; a new one can.
      const [refusedDoc] = await w.store.familyDocuments.list(w.a.family.id);
      const reuse = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.sarah.id], documents: { assurance: { existingId: refusedDoc.id, file: null } }, note: '', actor: w.a.actor });
      expect(reuse).toMatchObject({ ok: false, error: 'document_refused' });
      const again = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.sarah.id], documents: { assurance: { existingId: null, file: posted('assurance-2026.pdf', PDF) } }, note: '', actor: w.a.actor });
      expect(again.ok).toBe(true);
      expect(await countRows(w, 'enrolments')).toBe(4); // canteen, 2 garderie, 1 mercredi (reopened)
    });

    it('withdrawing an enrolment request removes the enrolment asked', async () => {
      const w = await setup();
      const asked = await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.chloe.id], documents: { assurance: { existingId: null, file: posted('a.pdf', PDF) } }, note: '', actor: w.a.actor });
      if (!asked.ok) throw new Error(JSON.stringify(asked));
      expect((await w.dossier.withdraw({ familyId: w.a.family.id, requestId: asked.value.requestIds[0], actor: w.a.actor })).ok).toBe(true);
      const list = await w.dossier.enrolments.familyEnrolments(w.a.family.id, w.a.schoolYear.id);
      expect(list?.[1].enrolments).toEqual([]);
    });
  });

  describe('another family’s ids are « not found », exactly as unknown ids', () => {
    it('child, document, request and guardian ids of family B change nothing for family A, and the other way round', async () => {
      const w = await setup();
      const docB = await w.dossier.uploadDocument({ familyId: w.b.family.id, kind: 'assurance', childId: w.b.child.id, file: posted('assurance-b.pdf', PDF), note: '', actor: w.b.actor });
      const reqB = await w.dossier.submitChange({ familyId: w.b.family.id, change: { kind: 'authorised_persons', persons: [] }, note: '', proof: { existingId: null, file: null }, actor: w.b.actor });
      if (!docB.ok || !reqB.ok) throw new Error('family B set-up');
      const before = { documents: await countRows(w, 'family_documents'), requests: await countRows(w, 'requests'), enrolments: await countRows(w, 'enrolments'), files: filesUnder(w.uploadsDir).length };

      const pairs: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
        ['document lookup', () => w.store.familyDocuments.find(w.a.family.id, docB.value.document.id), () => w.store.familyDocuments.find(w.a.family.id, UNKNOWN)],
        ['request lookup', () => w.store.requests.find(w.a.family.id, reqB.value.requestId), () => w.store.requests.find(w.a.family.id, UNKNOWN)],
        ['document delete', () => w.dossier.deleteDocument({ familyId: w.a.family.id, documentId: docB.value.document.id, actor: w.a.actor }), () => w.dossier.deleteDocument({ familyId: w.a.family.id, documentId: UNKNOWN, actor: w.a.actor })],
        ['request withdraw', () => w.dossier.withdraw({ familyId: w.a.family.id, requestId: reqB.value.requestId, actor: w.a.actor }), () => w.dossier.withdraw({ familyId: w.a.family.id, requestId: UNKNOWN, actor: w.a.actor })],
        [
          'upload for a child',
          () => w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: w.b.child.id, file: posted('x.pdf', PDF), note: '', actor: w.a.actor }),
          () => w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'autre', childId: UNKNOWN, file: posted('x.pdf', PDF), note: '', actor: w.a.actor }),
        ],
        [
          'health of a child',
          () => w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'child_health', childId: w.b.child.id, health: { diet: 'vegetarien', allergies: '', hasPai: false } }, note: '', proof: { existingId: null, file: null }, actor: w.a.actor }),
          () => w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'child_health', childId: UNKNOWN, health: { diet: 'vegetarien', allergies: '', hasPai: false } }, note: '', proof: { existingId: null, file: null }, actor: w.a.actor }),
        ],
        [
          'proof of a request',
          () => w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'address', address: { addressLine: '1 rue X', postalCode: '69999', city: 'Saint-Exemple' } }, note: '', proof: { existingId: docB.value.document.id, file: null }, actor: w.a.actor }),
          () => w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'address', address: { addressLine: '1 rue X', postalCode: '69999', city: 'Saint-Exemple' } }, note: '', proof: { existingId: UNKNOWN, file: null }, actor: w.a.actor }),
        ],
        [
          'enrolment of a child',
          () => w.dossier.enrol({ familyId: w.a.family.id, activityId: w.morning.id, childIds: [w.b.child.id], documents: {}, note: '', actor: w.a.actor }),
          () => w.dossier.enrol({ familyId: w.a.family.id, activityId: w.morning.id, childIds: [UNKNOWN], documents: {}, note: '', actor: w.a.actor }),
        ],
        [
          'document of an enrolment',
          () => w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.chloe.id], documents: { assurance: { existingId: docB.value.document.id, file: null } }, note: '', actor: w.a.actor }),
          () => w.dossier.enrol({ familyId: w.a.family.id, activityId: w.wednesday.id, childIds: [w.a.chloe.id], documents: { assurance: { existingId: UNKNOWN, file: null } }, note: '', actor: w.a.actor }),
        ],
        [
          'phone of a guardian',
          () => w.dossier.updatePhones({ familyId: w.a.family.id, phone: '06 12 34 56 78', guardians: [{ id: w.b.guardian.id, phone: null }], actor: w.a.actor }),
          () => w.dossier.updatePhones({ familyId: w.a.family.id, phone: '06 12 34 56 78', guardians: [{ id: UNKNOWN, phone: null }], actor: w.a.actor }),
        ],
      ];
      for (const [name, foreign, unknown] of pairs) {
        const [a, b] = [await foreign(), await unknown()];
        expect(a, name).toEqual(b);
        expect(a === null || (a as { ok?: boolean; error?: string }).error === 'not_found', name).toBe(true);
      }
      expect(await w.dossier.enrol({ familyId: w.a.family.id, activityId: UNKNOWN, childIds: [w.a.chloe.id], documents: {}, note: '', actor: w.a.actor })).toEqual({ ok: false, error: 'not_found' });
      const after = { documents: await countRows(w, 'family_documents'), requests: await countRows(w, 'requests'), enrolments: await countRows(w, 'enrolments'), files: filesUnder(w.uploadsDir).length };
      expect(after).toEqual(before);
      expect((await w.store.requests.find(w.b.family.id, reqB.value.requestId))?.status).toBe('submitted');
      expect(await w.store.familyDocuments.find(w.b.family.id, docB.value.document.id)).not.toBeNull();
      // B's export holds nothing of A.
      const exportB = JSON.stringify(await w.store.familyFile.exportData(w.b.family.id));
      expect(exportB).not.toContain('Martin');
      expect(exportB).not.toContain('Sarah');
    });
  });

  describe('Mon compte', () => {
    async function session(w: World, userId: string) {
      const token = randomUUID();
      const now = w.clock.now().toISOString();
      await w.store.sessions.create({ idHash: hashToken(token), userId, remember: false, createdAt: now, lastSeenAt: now, expiresAt: new Date(w.clock.now().getTime() + 3600_000).toISOString(), ip: '203.0.113.7', userAgent: 'Firefox' });
      return hashToken(token);
    }

    it('changes the password with the current one, ends the other sessions only, and tells the account', async () => {
      const w = await setup();
      const current = await session(w, w.a.user.id);
      await session(w, w.a.user.id);
      await session(w, w.a.user.id);
      const other = await session(w, w.b.user.id);
      expect(await w.store.preferences.sessions(w.a.user.id, w.clock.now())).toHaveLength(3);
      const base = { user: w.a.user, currentIdHash: current, commune: 'Saint-Exemple', actor: { ...w.a.actor, ip: '203.0.113.7' } };
      expect(await w.dossier.changePassword({ ...base, current: 'pas le bon', next: 'une tartine au miel chaque matin', confirm: 'une tartine au miel chaque matin' })).toEqual({ ok: false, error: 'wrong_password' });
      expect(w.throttle.failures.get(`user:${w.a.user.id}`)).toBe(1);
      expect(await w.dossier.changePassword({ ...base, current: 'Ancien mot de passe de Julie', next: 'une tartine au miel chaque matin', confirm: 'autre chose' })).toEqual({ ok: false, error: 'mismatch' });
      expect(await w.dossier.changePassword({ ...base, current: 'Ancien mot de passe de Julie', next: 'motdepasse12', confirm: 'motdepasse12' })).toEqual({ ok: false, error: 'too_weak' });
      const changed = await w.dossier.changePassword({ ...base, current: 'Ancien mot de passe de Julie', next: 'une tartine au miel chaque matin', confirm: 'une tartine au miel chaque matin' });
      expect(changed).toEqual({ ok: true, value: { endedSessions: 2 } });
      expect((await w.store.preferences.sessions(w.a.user.id, w.clock.now())).map((s) => s.idHash)).toEqual([current]);
      expect(await w.store.sessions.find(other)).not.toBeNull();
      expect((await w.store.users.findById(w.a.user.id))?.passwordHash).toBe('fake:une tartine au miel chaque matin');
      expect(w.throttle.failures.has(`user:${w.a.user.id}`)).toBe(false);
      expect(w.mailer.sent.at(-1)).toMatchObject({ to: 'martin@example.fr', subject: 'Votre mot de passe a été modifié' });
      expect((await w.store.audit.list({ limit: 10, offset: 0 })).map((e) => e.action)).toContain('password.changed');
    });

    it('logs out the other sessions', async () => {
      const w = await setup();
      const current = await session(w, w.a.user.id);
      await session(w, w.a.user.id);
      expect(await w.dossier.endOtherSessions({ user: w.a.user, currentIdHash: current, actor: w.a.actor })).toBe(1);
      expect((await w.store.preferences.sessions(w.a.user.id, w.clock.now())).map((s) => s.idHash)).toEqual([current]);
    });

    it('sends no decision e-mail to an account that turned them off', async () => {
      const w = await setup();
      expect(await w.store.preferences.get(w.a.user.id)).toEqual({ requestDecisions: true, enrolmentDecisions: true });
      await w.dossier.savePreferences({ userId: w.a.user.id, preferences: { requestDecisions: false, enrolmentDecisions: true }, actor: w.a.actor });
      expect(await w.store.preferences.get(w.a.user.id)).toEqual({ requestDecisions: false, enrolmentDecisions: true });
      const submitted = await w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'authorised_persons', persons: [] }, note: '', proof: { existingId: null, file: null }, actor: w.a.actor });
      if (!submitted.ok) throw new Error('submit');
      w.mailer.sent.length = 0;
      await w.dossier.decide({ requestId: submitted.value.requestId, decision: 'accept', message: '', actor: w.agent });
      expect(w.mailer.sent).toEqual([]);
      await w.dossier.enrol({ familyId: w.a.family.id, activityId: w.morning.id, childIds: [w.a.chloe.id], documents: {}, note: '', actor: w.a.actor });
      expect(w.mailer.sent).toHaveLength(1);
    });
  });

  describe('Mes données (RGPD)', () => {
    it('exports the family’s data without secrets', async () => {
      const w = await setup();
      await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'assurance', childId: null, file: posted('assurance.pdf', PDF), note: '', actor: w.a.actor });
      w.clock.advance(1000);
      const exported = await w.dossier.exportData({ familyId: w.a.family.id, commune: 'Saint-Exemple', format: 'json', actor: w.a.actor });
      expect(exported?.data.family).toMatchObject({ name: 'Martin', qf: 1000 });
      expect(exported?.data.children.map((c) => c.firstName)).toEqual(['Sarah', 'Chloé']);
      expect(exported?.data.documents.map((d) => d.fileName)).toEqual(['assurance.pdf']);
      expect(exported?.data.accounts.map((a) => a.username)).toEqual(['famille.martin']);
      const text = JSON.stringify(exported);
      expect(text).not.toContain('passwordHash');
      expect(text).not.toContain('fake:');
      expect(text).not.toContain('storage');
      expect((await w.store.audit.list({ limit: 1, offset: 0 }))[0]).toMatchObject({ action: 'family.data_exported' });
    });

    it('erasure, once accepted, anonymises personal data, closes the accounts and keeps the bookings', async () => {
      const w = await setup();
      await w.booking.store.db.insertInto('bookings').values({ id: randomUUID(), child_id: w.a.sarah.id, activity_id: w.a.activity.id, day: '2026-11-24', status: 'reserved', unit_price_cents: 305, created_at: w.clock.now().toISOString(), updated_at: w.clock.now().toISOString() }).execute();
      const doc = await w.dossier.uploadDocument({ familyId: w.a.family.id, kind: 'assurance', childId: null, file: posted('assurance Sarah Martin.pdf', PDF), note: '', actor: w.a.actor });
      await w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'authorised_persons', persons: [{ fullName: 'Monique Martin', relationship: 'grand-mère', phone: '04 78 00 00 00' }] }, note: 'merci', proof: { existingId: null, file: null }, actor: w.a.actor });
      const erasure = await w.dossier.submitChange({ familyId: w.a.family.id, change: { kind: 'erasure' }, note: 'Nous quittons la commune', proof: { existingId: null, file: null }, actor: w.a.actor });
      if (!erasure.ok || !doc.ok) throw new Error('set-up');
      expect(await w.store.familyFile.futureBookings(w.a.family.id, '2026-11-01')).toBe(1);
      w.mailer.sent.length = 0;
      expect((await w.dossier.decide({ requestId: erasure.value.requestId, decision: 'accept', message: '', actor: w.agent })).ok).toBe(true);

      const file = await w.store.familyFile.file(w.a.family.id);
      expect(file).toMatchObject({ name: 'Anonyme', addressLine: '', email: null, phone: null, qf: null, documentBytes: 0, authorisedPersons: [] });
      expect(file?.fileNumber).toBe(w.a.family.file_number);
      expect(file?.children.map((c) => [c.firstName, c.lastName, c.allergies, c.birthDate.slice(5)])).toEqual([['Enfant 1', '', '', '01-01'], ['Enfant 2', '', '', '01-01']]);
      expect(file?.guardians.every((g) => g.firstName === 'Anonyme' && g.email === null && g.phone === null)).toBe(true);
      const user = await w.store.users.findById(w.a.user.id);
      expect(user).toMatchObject({ active: false, email: null, passwordHash: null, displayName: 'Compte fermé' });
      expect(user?.username).not.toContain('martin');
      expect(await w.store.familyDocuments.list(w.a.family.id)).toEqual([]);
      expect(filesUnder(w.uploadsDir)).toEqual([]);
      const bookings = await w.db.selectFrom('bookings').select(['day', 'unit_price_cents']).where('child_id', '=', w.a.sarah.id).execute();
      expect(bookings).toEqual([{ day: '2026-11-24', unit_price_cents: 305 }]);
      const requests = await w.store.requests.list(w.a.family.id, 10);
      expect(requests.every((r) => r.status !== 'submitted' && r.familyNote === '')).toBe(true);
      expect(JSON.stringify(requests)).not.toContain('Monique');
      // The mail went to the address known before the erasure.
      expect(w.mailer.sent.map((m) => [m.to, m.subject])).toEqual([['martin@example.fr', 'Votre demande d’effacement de vos données est acceptée']]);
      // Family B untouched.
      expect((await w.store.familyFile.file(w.b.family.id))?.name).toBe('Bernard');
    });
  });

});

describe('dossier helpers', () => {
  it('has distinct sample files', () => {
    expect(new Set([PDF, PNG, JPEG, HTML, SVG].map((b) => b.toString('base64'))).size).toBe(5);
  });
});
