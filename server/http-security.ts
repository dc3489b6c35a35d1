import { randomBytes, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from './config';
import { paymentFormOrigins } from './config-payments';

export interface RequestLocals {
  nonce: string;
  requestId: string;
}

/** Per-request id and CSP nonce, and the security headers every response carries. */
export function securityHeaders(config: Config, { dev = false } = {}) {
  // « Payer » posts to us and is redirected to the payment provider: without JavaScript that redirect is still the
  // form's navigation, which form-action governs.
  const formAction = ["'self'", ...(config.payment ? paymentFormOrigins(config.payment) : [])].join(' ');
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64');
    const requestId = randomUUID();
    res.locals.nonce = nonce;
    res.locals.requestId = requestId;
    const scriptSrc = dev ? `'self' 'nonce-${nonce}' 'unsafe-eval'` : `'self' 'nonce-${nonce}'`;
    res.setHeader(
      'Content-Security-Policy',
      [
        `default-src 'self'`,
        `script-src ${scriptSrc}`,
        `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
        `img-src 'self' data:`,
        `connect-src 'self'${dev ? ' ws:' : ''}`,
        `object-src 'none'`,
        `base-uri 'none'`,
        `form-action ${formAction}`,
        `frame-ancestors 'none'`,
      ].join('; '),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    res.setHeader('X-Request-Id', requestId);
    if (config.env === 'production' && config.secureCookies) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    next();
  };
}

/**
 * Refuses state-changing requests sent by another site, for every route (React Router checks only UI actions).
 * Browsers send Origin on cross-site POSTs; Sec-Fetch-Site covers the rest. Requests without either (curl, old
 * browsers) pass: the SameSite=Lax session cookie is not sent on cross-site POSTs anyway.
 */
export function sameOriginWrites(config: Config) {
  const allowed = new URL(config.publicUrl).host;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    // Payment providers post back from their own site (PayFiP's return, notifications): those routes act on no
    // session and trust only what they verify with the provider.
    if (req.path.startsWith('/api/paiement/')) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const host = req.get('host');
    let originHost: string | null = null;
    try {
      originHost = origin && origin !== 'null' ? new URL(origin).host : origin === 'null' ? 'null' : null;
    } catch {
      originHost = 'invalid';
    }
    const crossOrigin = (originHost !== null && originHost !== host && originHost !== allowed) || site === 'cross-site';
    if (crossOrigin) {
      sendPlainPage(res, 403, 'Requête refusée', 'Cette demande ne provient pas de ce site : elle a été ignorée.');
      return;
    }
    next();
  };
}

/** A minimal French page for answers given before React renders (no script, so the CSP needs no nonce). */
export function sendPlainPage(res: Response, status: number, title: string, text: string): void {
  res
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – Portail famille</title></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Accueil</a></p></main></body></html>`,
    );
}
