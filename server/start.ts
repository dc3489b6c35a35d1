/**
 * Entry point of `npm start` / `npm run dev`. NODE_ENV must be set before React is first loaded (it picks its
 * development or production build then, and the two must not mix), hence this tiny first module.
 */
process.env.NODE_ENV = process.argv.includes('--dev') ? 'development' : 'production';
await import('./main');

export {};
