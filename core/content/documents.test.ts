import { describe, expect, it } from 'vitest';
import { publishDocument, setDocumentPublished, type FileStorage, type UploadedFile } from './documents';
import { memoryContentStore } from './memory-content-store';

const actor = { userId: 'u-1', label: 'agent', ip: '192.0.2.1' };
const clock = { now: () => new Date('2026-03-02T09:00:00.000Z') };

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const HTML = new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script></body></html>');

/** A sniffer that recognises the PDF magic bytes only (the real one is file-type). */
const sniff = async (bytes: Uint8Array) => (new TextDecoder().decode(bytes.slice(0, 5)) === '%PDF-' ? 'application/pdf' : null);

function memoryFiles(): FileStorage & { saved: Map<string, Uint8Array> } {
  const saved = new Map<string, Uint8Array>();
  let n = 0;
  return {
    saved,
    async save(bytes) {
      const key = `k${++n}`;
      saved.set(key, bytes);
      return key;
    },
    async remove(key) {
      saved.delete(key);
    },
  };
}

function upload(name: string, bytes: Uint8Array, size = bytes.length): UploadedFile & { reads: number } {
  const file = {
    name,
    size,
    reads: 0,
    async read() {
      file.reads++;
      return bytes;
    },
  };
  return file;
}

function setup(maxBytes = 1024) {
  const store = memoryContentStore();
  const files = memoryFiles();
  return { store, files, deps: { store, files, sniffMediaType: sniff, clock, maxBytes } };
}

describe('publishDocument', () => {
  it('stores the bytes under a key, then the row with a safe name and the sniffed type, and audits', async () => {
    const { store, files, deps } = setup();
    const result = await publishDocument(
      { title: ' Règlement intérieur ', description: 'Année 2026', file: upload('../Règlement "2026".PDF', PDF), published: true, actor },
      deps,
    );
    expect(result).toMatchObject({
      ok: true,
      document: { title: 'Règlement intérieur', description: 'Année 2026', fileName: 'Reglement-2026.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, published: true },
    });
    if (!result.ok) throw new Error('unreachable');
    expect([...files.saved.keys()]).toEqual([result.document.storageKey]);
    expect(store.events).toMatchObject([{ action: 'document.uploaded', target: `document:${result.document.id}`, actorUserId: 'u-1' }]);
  });

  it('refuses an HTML file named .pdf and stores nothing', async () => {
    const { store, files, deps } = setup();
    const result = await publishDocument({ title: 'Menu', file: upload('menu.pdf', HTML), published: true, actor }, deps);
    expect(result).toEqual({ ok: false, errors: { file: 'type_not_allowed' } });
    expect(files.saved.size).toBe(0);
    expect(store.documentRows).toEqual([]);
    expect(store.events).toEqual([]);
  });

  it('refuses an oversize file on its announced size without reading it', async () => {
    const { store, files, deps } = setup(PDF.length - 1);
    const file = upload('gros.pdf', PDF);
    expect(await publishDocument({ title: 'Gros', file, published: false, actor }, deps)).toEqual({ ok: false, errors: { file: 'too_large' } });
    expect(file.reads).toBe(0);
    // A lying announced size is caught on the bytes read.
    const liar = upload('gros.pdf', PDF, 10);
    expect(await publishDocument({ title: 'Gros', file: liar, published: false, actor }, deps)).toEqual({ ok: false, errors: { file: 'too_large' } });
    expect(files.saved.size).toBe(0);
    expect(store.documentRows).toEqual([]);
  });

  it('reports a missing file, an empty file, a missing title and a long description together', async () => {
    const { files, deps } = setup();
    expect(await publishDocument({ title: '', description: 'd'.repeat(1001), file: null, published: false, actor }, deps)).toEqual({
      ok: false,
      errors: { title: 'required', description: 'too_long', file: 'required' },
    });
    expect(await publishDocument({ title: 'x', file: upload('', new Uint8Array()), published: false, actor }, deps)).toEqual({ ok: false, errors: { file: 'required' } });
    expect(await publishDocument({ title: 'x', file: upload('vide.pdf', new Uint8Array()), published: false, actor }, deps)).toEqual({ ok: false, errors: { file: 'empty' } });
    expect(await publishDocument({ title: 'x'.repeat(201), file: upload('a.pdf', PDF), published: false, actor }, deps)).toEqual({ ok: false, errors: { title: 'too_long' } });
    expect(files.saved.size).toBe(0);
  });

  it('removes the stored file when the database write fails', async () => {
    const { store, files, deps } = setup();
    store.documents.create = async () => {
      throw new Error('disk full');
    };
    await expect(publishDocument({ title: 'A', file: upload('a.pdf', PDF), published: true, actor }, deps)).rejects.toThrow('disk full');
    expect(files.saved.size).toBe(0);
    expect(store.events).toEqual([]);
  });
});

describe('setDocumentPublished', () => {
  it('toggles with an audit event each time the state changes', async () => {
    const { store, deps } = setup();
    const result = await publishDocument({ title: 'A', file: upload('a.pdf', PDF), published: false, actor }, deps);
    if (!result.ok) throw new Error('unreachable');
    const id = result.document.id;
    expect(await setDocumentPublished({ id, published: true, actor }, deps)).toMatchObject({ ok: true, changed: true, document: { published: true } });
    expect(await setDocumentPublished({ id, published: true, actor }, deps)).toMatchObject({ ok: true, changed: false });
    expect(await setDocumentPublished({ id, published: false, actor }, deps)).toMatchObject({ ok: true, changed: true });
    expect(store.events.map((e) => e.action)).toEqual(['document.uploaded', 'document.published', 'document.unpublished']);
    expect(await setDocumentPublished({ id: 'nope', published: true, actor }, deps)).toEqual({ ok: false, error: 'not_found' });
  });
});
