import path from 'node:path';
import { createRequestHandler } from '@react-router/express';
import compression from 'compression';
import express from 'express';
import type { AppLoadContext, ServerBuild } from 'react-router';
import { resolveSession } from '../core/accounts/current-session';
import { isLang, type Lang } from '../app/i18n';
import { LANG_COOKIE, readCookie, sessionCookieName } from '../app/web/cookies';
import type { RequestContext } from '../app/web/context';
import { sameOriginWrites, securityHeaders, sendPlainPage } from './http-security';
import type { AppServices } from './services';

/** French unless the visitor chose otherwise with the footer switch: a commune's portal speaks French first. */
function preferredLang(req: express.Request): Lang {
  const chosen = readCookie(req.headers.cookie, LANG_COOKIE);
  return isLang(chosen) ? chosen : 'fr';
}

export interface AppOptions {
  services: AppServices;
  /** The React Router build, or a function returning it (Vite dev server). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Static assets: the build's client directory in production. */
  clientDir?: string;
  dev?: boolean;
  extraMiddleware?: express.RequestHandler;
}

export function createApp({ services, build, clientDir, dev = false, extraMiddleware }: AppOptions) {
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(compression());
  app.use(securityHeaders(config, { dev }));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: query strings may carry tokens (password reset links).
      logger.info({ requestId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  });
  // Stripe signs the raw body: this route must read it before anything parses it (and before React Router).
  app.post('/api/paiement/stripe/webhook', express.raw({ type: '*/*', limit: '512kb' }), async (req, res, next) => {
    try {
      const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value[0] : value]));
      const answer = await services.payments.notification('stripe', { method: req.method, headers, query: new URLSearchParams(), rawBody });
      res.status(answer.status).type('text/plain; charset=utf-8').send(answer.body);
    } catch (error) {
      next(error);
    }
  });
  if (extraMiddleware) app.use(extraMiddleware);
  if (clientDir) {
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
    app.use(express.static(clientDir, { maxAge: '1h', index: false }));
  }
  app.use(sameOriginWrites(config));
  app.use((req, res, next) => {
    const length = Number(req.get('content-length') ?? 0);
    // Uploads are bounded by the configured maximum plus room for the other form fields.
    if (length > config.uploadMaxBytes + 256 * 1024) {
      sendPlainPage(res, 413, 'Fichier trop volumineux', `Le fichier envoyé dépasse la taille maximale de ${Math.round(config.uploadMaxBytes / 1024 / 1024)} Mo : rien n’a été enregistré.`);
      return;
    }
    next();
  });

  app.all(
    '*splat',
    createRequestHandler({
      build,
      mode: dev ? 'development' : 'production',
      getLoadContext(req, res): AppLoadContext {
        const sessionToken = readCookie(req.headers.cookie, sessionCookieName(config.secureCookies));
        let session: ReturnType<RequestContext['session']> | null = null;
        return {
          services,
          nonce: res.locals.nonce as string,
          requestId: res.locals.requestId as string,
          ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          lang: preferredLang(req),
          sessionToken,
          session: () => (session ??= resolveSession(sessionToken, { store: services.store, clock: services.clock })),
        };
      },
    }),
  );
  // Last resort: never a stack trace to the client.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled error');
    if (res.headersSent) return next(error);
    sendPlainPage(res, 500, 'Une erreur est survenue', `Réessayez dans quelques instants. Référence de l’incident : ${res.locals.requestId}`);
  });
  return app;
}
