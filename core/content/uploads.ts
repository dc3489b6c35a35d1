/** What staff may publish and families may upload: checked on the bytes, never on the name or the browser's word. */
export const ALLOWED_UPLOAD_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
} as const;

export type AllowedMediaType = keyof typeof ALLOWED_UPLOAD_TYPES;

export type UploadProblem = 'empty' | 'too_large' | 'type_not_allowed';

export function checkUpload(
  file: { size: number; sniffedMediaType: string | null },
  maxBytes: number,
): { ok: true; mediaType: AllowedMediaType } | { ok: false; error: UploadProblem } {
  if (file.size === 0) return { ok: false, error: 'empty' };
  if (file.size > maxBytes) return { ok: false, error: 'too_large' };
  const type = file.sniffedMediaType;
  if (!type || !(type in ALLOWED_UPLOAD_TYPES)) return { ok: false, error: 'type_not_allowed' };
  return { ok: true, mediaType: type as AllowedMediaType };
}

/**
 * A file name safe in a Content-Disposition header and on any disk: no path, no control characters, no quotes
 * or markup, and the extension that matches the real type.
 */
export function safeFileName(original: string, mediaType: AllowedMediaType): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 _-]+/g, '-')
    .replace(/[-\s]{2,}/g, '-')
    .replace(/^[-\s.]+|[-\s.]+$/g, '')
    .slice(0, 80);
  return `${stem || 'document'}.${ALLOWED_UPLOAD_TYPES[mediaType]}`;
}
