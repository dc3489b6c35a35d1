/**
 * A private file sent as a download: `Content-Disposition: attachment` with an ASCII fallback name (quotes,
 * backslashes, control and non-ASCII characters replaced) and the RFC 5987 UTF-8 name, never cached. nosniff and
 * the CSP come from the server's security headers.
 */
export function attachment(bytes: Uint8Array, fileName: string, mediaType: string): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': mediaType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'private, no-store',
    },
  });
}
