import { REMEMBER_ME_MS } from '../../core/accounts/sessions';

export function sessionCookieName(secure: boolean): string {
  // __Host- forbids Domain and requires Secure and Path=/: the cookie cannot be planted by a subdomain.
  return secure ? '__Host-tartine_session' : 'tartine_session';
}

export function serializeSessionCookie(token: string, options: { secure: boolean; remember: boolean }): string {
  const parts = [`${sessionCookieName(options.secure)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (options.remember) parts.push(`Max-Age=${Math.floor(REMEMBER_ME_MS / 1000)}`);
  return parts.join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  const parts = [`${sessionCookieName(secure)}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}

export const LANG_COOKIE = 'tartine_lang';
