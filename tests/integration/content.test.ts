import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../adapters/db/create-db';
import { createStore } from '../../adapters/db/store';
import { fileStore, sniffMediaType } from '../../adapters/files/file-store';
import { publishDocument, setDocumentPublished, type UploadedFile } from '../../core/content/documents';
import { saveNews, setNewsPublished } from '../../core/content/news';
import type { ContentStore } from '../../core/content/types';
import type { Clock } from '../../core/ports';
import { describeEachDialect } from '../harness/databases';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const HTML = Buffer.from('<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>\n');

function movableClock(start = '2026-03-02T08:00:00Z'): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

const asUpload = (name: string, bytes: Uint8Array): UploadedFile => ({ name, size: bytes.length, read: async () => new Uint8Array(bytes) });

/** Every regular file under dir (the file store shards keys into sub-directories). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function count(handle: DatabaseHandle, table: 'documents' | 'news' | 'audit_events'): Promise<number> {
  const row = await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDialect('content use cases', (getHandle) => {
  let uploadsDir: string;
  beforeEach(() => {
    uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-uploads-'));
  });
  afterEach(() => {
    fs.rmSync(uploadsDir, { recursive: true, force: true });
  });

  async function setup() {
    const handle = getHandle();
    const store = createStore(handle.db);
    const clock = movableClock();
    const agent = await store.users.create(
      { username: 'agent.mairie', email: 'agent@example.fr', displayName: 'Agent Mairie', passwordHash: null, role: 'agent', familyId: null },
      clock.now(),
    );
    const actor = { userId: agent.id, label: agent.username, ip: '203.0.113.9' };
    const files = fileStore(uploadsDir);
    const uploadDeps = { store, files, sniffMediaType, clock, maxBytes: 64 * 1024 };
    return { handle, store, clock, actor, files, uploadDeps };
  }

  it('creates and updates news, lists newest date first, and keeps drafts off the public list', async () => {
    const { store, clock, actor } = await setup();
    const save = async (title: string, newsDate: string, published: boolean) => {
      clock.advance(60_000);
      const result = await saveNews({ input: { title, newsDate, bodyMarkdown: `Texte de ${title}`, published: published ? '1' : undefined }, actor }, { store, clock });
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.news;
    };
    const old = await save('Rentrée', '2025-09-01', true);
    const recent = await save('Menus de mars', '2026-03-01', true);
    const draft = await save('Brouillon futur', '2026-04-01', false);
    const sameDayLater = await save('Sortie', '2026-03-01', true);

    expect((await store.news.listAll()).map((n) => n.title)).toEqual(['Brouillon futur', 'Sortie', 'Menus de mars', 'Rentrée']);
    expect((await store.news.listPublished(10, clock.now())).map((n) => n.title)).toEqual(['Sortie', 'Menus de mars', 'Rentrée']);
    expect((await store.news.listPublished(2, clock.now())).map((n) => n.id)).toEqual([sameDayLater.id, recent.id]);

    clock.advance(60_000);
    const updated = await saveNews(
      { id: old.id, input: { title: 'Rentrée scolaire', newsDate: '2026-03-02', bodyMarkdown: 'Nouveau texte', published: '1' }, actor },
      { store, clock },
    );
    expect(updated).toMatchObject({ ok: true, created: false });
    expect(await store.news.find(old.id)).toMatchObject({
      title: 'Rentrée scolaire',
      newsDate: '2026-03-02',
      bodyMarkdown: 'Nouveau texte',
      published: true,
      createdAt: old.createdAt,
      updatedAt: clock.now().toISOString(),
    });
    expect((await store.news.listPublished(10, clock.now()))[0].title).toBe('Rentrée scolaire');

    expect(await setNewsPublished({ id: draft.id, published: true, actor }, { store, clock })).toMatchObject({ ok: true, changed: true });
    expect((await store.news.listPublished(10, clock.now())).map((n) => n.title)).toContain('Brouillon futur');
    expect(await setNewsPublished({ id: recent.id, published: false, actor }, { store, clock })).toMatchObject({ ok: true, changed: true });
    expect((await store.news.listPublished(10, clock.now())).map((n) => n.title)).not.toContain('Menus de mars');

    const events = await store.audit.list({ limit: 50, offset: 0 });
    const content = events.filter((e) => e.action.startsWith('news.'));
    expect(content.map((e) => e.action).sort()).toEqual(['news.created', 'news.created', 'news.created', 'news.created', 'news.published', 'news.unpublished', 'news.updated'].sort());
    expect(content.every((e) => e.actorUserId === actor.userId && e.actorLabel === 'agent.mairie' && e.ip === '203.0.113.9')).toBe(true);
    expect(content.find((e) => e.action === 'news.updated')?.target).toBe(`news:${old.id}`);
  });

  it('shows a scheduled item from its instant only, and pinned items first by position', async () => {
    const { store, clock, actor } = await setup();
    const save = async (title: string, newsDate: string, extra: { publishAt?: string; homePosition?: string } = {}, id?: string) => {
      clock.advance(60_000);
      const result = await saveNews({ id, input: { title, newsDate, bodyMarkdown: `Texte de ${title}`, published: '1', ...extra }, actor }, { store, clock });
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.news;
    };
    const home = async () => (await store.news.listPublished(10, clock.now())).map((n) => n.title);
    await save('Ancienne', '2026-01-05');
    const middle = await save('Milieu', '2026-02-01');
    await save('Récente', '2026-03-01');
    // 08:04 UTC now; « publier le 2 mars à 10:00 » in Paris is 09:00 UTC.
    const later = await save('Programmée', '2026-03-02', { publishAt: '2026-03-02T10:00' });
    expect(later.publishAt).toBe('2026-03-02T09:00:00.000Z');
    expect(await home()).toEqual(['Récente', 'Milieu', 'Ancienne']);

    clock.advance(56 * 60_000 - 1);
    expect(clock.now().toISOString()).toBe('2026-03-02T08:59:59.999Z');
    expect(await home()).not.toContain('Programmée');
    clock.advance(1);
    expect(await home()).toEqual(['Programmée', 'Récente', 'Milieu', 'Ancienne']);

    // Pinning: positions first (1 before 2), the others after, newest date first.
    await save('Milieu', '2026-02-01', { homePosition: '2' }, middle.id);
    expect(await home()).toEqual(['Milieu', 'Programmée', 'Récente', 'Ancienne']);
    const oldest = (await store.news.listAll()).find((n) => n.title === 'Ancienne')!;
    await save('Ancienne', '2026-01-05', { homePosition: '1' }, oldest.id);
    expect(await home()).toEqual(['Ancienne', 'Milieu', 'Programmée', 'Récente']);
    expect(await store.news.find(oldest.id)).toMatchObject({ homePosition: 1, publishAt: null });
    const audit = (await store.audit.list({ limit: 50, offset: 0 })).find((e) => e.action === 'news.updated' && e.target === `news:${oldest.id}`);
    expect(audit?.details).toMatchObject({ homePosition: 1 });

    // Unpinned again: back to its date's place.
    await save('Ancienne', '2026-01-05', { homePosition: '' }, oldest.id);
    expect(await home()).toEqual(['Milieu', 'Programmée', 'Récente', 'Ancienne']);
  });

  it('refuses a position or a publication time that is not one, writing nothing', async () => {
    const { handle, store, clock, actor } = await setup();
    const input = { title: 'x', newsDate: '2026-03-02', bodyMarkdown: 'y', published: '1' };
    expect(await saveNews({ input: { ...input, homePosition: '0' }, actor }, { store, clock })).toEqual({ ok: false, error: 'invalid', errors: { homePosition: 'invalid_position' } });
    expect(await saveNews({ input: { ...input, publishAt: '2026-02-30T10:00' }, actor }, { store, clock })).toEqual({ ok: false, error: 'invalid', errors: { publishAt: 'invalid_date' } });
    expect(await count(handle, 'news')).toBe(0);
    expect(await count(handle, 'audit_events')).toBe(0);
  });

  it('writes no row and no event for invalid news or an unknown id', async () => {
    const { handle, store, clock, actor } = await setup();
    expect(await saveNews({ input: { title: 'x', newsDate: '2026-02-30', bodyMarkdown: 'y' }, actor }, { store, clock })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await saveNews({ id: 'a7d1c4de-0000-4000-8000-000000000000', input: { title: 'x', newsDate: '2026-02-03', bodyMarkdown: 'y' }, actor }, { store, clock })).toEqual({ ok: false, error: 'not_found' });
    expect(await setNewsPublished({ id: 'a7d1c4de-0000-4000-8000-000000000000', published: true, actor }, { store, clock })).toEqual({ ok: false, error: 'not_found' });
    expect(await count(handle, 'news')).toBe(0);
    expect(await count(handle, 'audit_events')).toBe(0);
  });

  it('uploads a PDF and a JPEG, publishes and unpublishes them, with an audit event for each change', async () => {
    const { store, clock, actor, files, uploadDeps } = await setup();
    const pdf = await publishDocument({ title: 'Règlement', description: 'Année 2026', file: asUpload('Règlement intérieur.pdf', PDF), published: false, actor }, uploadDeps);
    clock.advance(1000);
    const jpeg = await publishDocument({ title: 'Affiche', file: asUpload('affiche.JPEG', JPEG), published: true, actor }, uploadDeps);
    if (!pdf.ok || !jpeg.ok) throw new Error(JSON.stringify([pdf, jpeg]));
    expect(pdf.document).toMatchObject({ fileName: 'Reglement interieur.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, published: false });
    expect(jpeg.document).toMatchObject({ fileName: 'affiche.jpg', mediaType: 'image/jpeg', sizeBytes: JPEG.length, published: true });
    expect(Buffer.from(await files.read(pdf.document.storageKey)).equals(PDF)).toBe(true);
    expect(filesUnder(uploadsDir)).toHaveLength(2);

    expect((await store.documents.listPublished()).map((d) => d.title)).toEqual(['Affiche']);
    expect((await store.documents.listAll()).map((d) => d.title)).toEqual(['Affiche', 'Règlement']);

    clock.advance(1000);
    expect(await setDocumentPublished({ id: pdf.document.id, published: true, actor }, { store, clock })).toMatchObject({ ok: true, changed: true });
    expect((await store.documents.listPublished()).map((d) => d.title)).toEqual(['Affiche', 'Règlement']);
    clock.advance(1000);
    expect(await setDocumentPublished({ id: jpeg.document.id, published: false, actor }, { store, clock })).toMatchObject({ ok: true, changed: true });
    expect(await setDocumentPublished({ id: jpeg.document.id, published: false, actor }, { store, clock })).toMatchObject({ ok: true, changed: false });
    expect((await store.documents.listPublished()).map((d) => d.title)).toEqual(['Règlement']);
    expect(await store.documents.find(jpeg.document.id)).toMatchObject({ published: false });

    const events = await store.audit.list({ limit: 50, offset: 0 });
    expect(events.map((e) => [e.action, e.target])).toEqual([
      ['document.unpublished', `document:${jpeg.document.id}`],
      ['document.published', `document:${pdf.document.id}`],
      ['document.uploaded', `document:${jpeg.document.id}`],
      ['document.uploaded', `document:${pdf.document.id}`],
    ]);
    expect(events[0]).toMatchObject({ actorUserId: actor.userId, actorLabel: 'agent.mairie', ip: '203.0.113.9' });
  });

  it('refuses an HTML file named .pdf and an oversize file, and stores nothing', async () => {
    const { handle, actor, uploadDeps } = await setup();
    expect(await publishDocument({ title: 'Menu', file: asUpload('menu.pdf', HTML), published: true, actor }, uploadDeps)).toEqual({
      ok: false,
      errors: { file: 'type_not_allowed' },
    });
    const big = Buffer.concat([PDF, Buffer.alloc(uploadDeps.maxBytes)]);
    expect(await publishDocument({ title: 'Gros', file: asUpload('gros.pdf', big), published: true, actor }, uploadDeps)).toEqual({
      ok: false,
      errors: { file: 'too_large' },
    });
    expect(await publishDocument({ title: '', file: asUpload('ok.pdf', PDF), published: true, actor }, uploadDeps)).toEqual({
      ok: false,
      errors: { title: 'required' },
    });
    expect(filesUnder(uploadsDir)).toEqual([]);
    expect(await count(handle, 'documents')).toBe(0);
    expect(await count(handle, 'audit_events')).toBe(0);
  });

  it('reports a missing file, an empty file, a missing title and a long description together, storing nothing', async () => {
    const { uploadDeps, actor, handle } = await setup();
    expect(await publishDocument({ title: '', description: 'd'.repeat(1001), file: null, published: false, actor }, uploadDeps)).toEqual({
      ok: false,
      errors: { title: 'required', description: 'too_long', file: 'required' },
    });
    expect(await publishDocument({ title: 'x', file: asUpload('', new Uint8Array()), published: false, actor }, uploadDeps)).toEqual({ ok: false, errors: { file: 'required' } });
    expect(await publishDocument({ title: 'x', file: asUpload('vide.pdf', new Uint8Array()), published: false, actor }, uploadDeps)).toEqual({ ok: false, errors: { file: 'empty' } });
    expect(await publishDocument({ title: 'x'.repeat(201), file: asUpload('a.pdf', PDF), published: false, actor }, uploadDeps)).toEqual({ ok: false, errors: { title: 'too_long' } });
    expect(filesUnder(uploadsDir)).toEqual([]);
    expect(await count(handle, 'documents')).toBe(0);
  });

  it('removes the stored file and the row when the transaction fails', async () => {
    const { handle, store, actor, uploadDeps } = await setup();
    // The audit write fails after the document row was inserted in the same transaction: both roll back.
    const failing: ContentStore = {
      ...store,
      transaction: (work) =>
        store.transaction((repos) =>
          work({
            ...repos,
            audit: {
              ...repos.audit,
              record: async () => {
                throw new Error('audit unavailable');
              },
            },
          }),
        ),
    };
    await expect(publishDocument({ title: 'A', file: asUpload('a.pdf', PDF), published: true, actor }, { ...uploadDeps, store: failing })).rejects.toThrow(
      'audit unavailable',
    );
    expect(filesUnder(uploadsDir)).toEqual([]);
    expect(await count(handle, 'documents')).toBe(0);
  });
});
