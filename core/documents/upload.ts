/**
 * Checks of a file a family posts: present, within the size limit (announced size first, before reading), a real
 * PDF, JPEG or PNG by its bytes (never by its name or the browser's word), and a name whose extension, if it has a
 * known one, tells the truth. The stored name is made safe (no path, markup or control characters).
 */
import { ALLOWED_UPLOAD_TYPES, checkUpload, safeFileName, type AllowedMediaType } from '../content/uploads';

/** A posted file, read only once its announced size is acceptable. */
export interface PostedFile {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export type FileProblem = 'required' | 'empty' | 'too_large' | 'type_not_allowed' | 'extension_mismatch';

export interface CheckedFile {
  bytes: Uint8Array;
  mediaType: AllowedMediaType;
  fileName: string;
}

const EXTENSIONS: Record<AllowedMediaType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
};

/** The extension of the name's last path segment, lower-cased ('' when none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // An extension has a letter: « attestation du 12.03 » has none.
  const match = /\.([A-Za-z][A-Za-z0-9]{0,7})$/.exec(base.trim());
  return match ? match[1].toLowerCase() : '';
}

/**
 * A name announcing another type than the content (`photo.png` holding a PDF, `facture.pdf` holding HTML) is
 * refused; an unknown extension (`scan.docx`) holding a real PDF is refused as lying too; no extension is fine.
 */
export function extensionMatches(name: string, mediaType: AllowedMediaType): boolean {
  const ext = extensionOf(name);
  if (!ext) return true;
  return EXTENSIONS[mediaType].includes(ext);
}

/** True when nothing was chosen (browsers post an empty, nameless part). */
export function isNoFile(file: PostedFile | null): boolean {
  return !file || (!file.name && file.size === 0);
}

export async function checkPostedFile(
  file: PostedFile | null,
  deps: { maxBytes: number; sniffMediaType: (bytes: Uint8Array) => Promise<string | null> },
): Promise<{ ok: true; file: CheckedFile } | { ok: false; error: FileProblem }> {
  if (!file || isNoFile(file)) return { ok: false, error: 'required' };
  if (file.size > deps.maxBytes) return { ok: false, error: 'too_large' }; // before reading anything
  const bytes = await file.read();
  const checked = checkUpload({ size: bytes.length, sniffedMediaType: bytes.length > 0 ? await deps.sniffMediaType(bytes) : null }, deps.maxBytes);
  if (!checked.ok) return checked;
  if (!extensionMatches(file.name, checked.mediaType)) return { ok: false, error: 'extension_mismatch' };
  return { ok: true, file: { bytes, mediaType: checked.mediaType, fileName: safeFileName(file.name, checked.mediaType) } };
}

export { ALLOWED_UPLOAD_TYPES };
