import type { AppLoadContext } from 'react-router';
import { catalogFor } from '../i18n';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Resource routes (downloads) answer a signed-in user without the right with the same « Accès refusé » words as the
 * pages (a thrown 403 Response would otherwise reach the browser as a bare « Forbidden »). Redirects to the login
 * page and other answers pass through.
 */
export async function guardResource<T>(context: AppLoadContext, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof Response && error.status === 403) {
      const t = catalogFor(context.lang);
      throw new Response(
        `<!DOCTYPE html><html lang="${t.lang.code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t.errors.forbiddenTitle)} – ${escape(t.common.portalName)}</title></head><body><main><h1>${escape(t.errors.forbiddenTitle)}</h1><p>${escape(t.errors.forbiddenText)}</p><p><a href="/">${escape(t.common.home)}</a></p></main></body></html>`,
        { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } },
      );
    }
    throw error;
  }
}
