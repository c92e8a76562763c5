import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';

/** Where `npm run build` puts the web console (Vite): dist/web next to dist/src. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** Paths the API owns: never answered with the console's index.html. */
const API_PREFIXES = ['/graphql', '/health', '/intake'];

interface Req {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  setHeader(name: string, value: string): void;
  status(code: number): Res;
  type(t: string): Res;
  send(body: string | Buffer): void;
}

function ownedByApi(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Serves the built web console at `/`: hashed files under /assets/ are cached for a year
 * (immutable), everything else is revalidated; a GET for a client route (no file extension, an
 * HTML request, not an API path) answers index.html so deep links work. Returns false when the
 * console was not built (the API runs without it).
 */
export function serveWebConsole(app: NestExpressApplication, dir: string, log: Logger): boolean {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) {
    log.warn({ dir }, 'web console not built (run `npm run build`); serving the API only');
    return false;
  }
  const index = readFileSync(indexPath);
  app.useStaticAssets(dir, {
    index: false,
    etag: true,
    lastModified: true,
    fallthrough: true,
    setHeaders: (res: { setHeader(n: string, v: string): void }, file: string) => {
      const hashed = file.includes(`${join(dir, 'assets')}`);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  app.use((req: Req, res: Res, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (ownedByApi(req.path)) return next();
    // A missing asset (has an extension) is a 404, not the page.
    if (/\.[a-z0-9]+$/i.test(req.path)) return next();
    const accept = String(req.headers['accept'] ?? '');
    if (accept && !accept.includes('text/html') && !accept.includes('*/*')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.status(200).type('html').send(index);
  });
  return true;
}
