import pino from 'pino';

/** JSON logs. Credentials, cookies and tokens are redacted wherever they appear in a logged object. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'tartine' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: '[masqué]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
