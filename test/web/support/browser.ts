import { AxeBuilder } from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Harness of the browser journeys: the built server (`node dist/src/main.js`, as `npm start`) on
 * a fresh DATA_DIR and a free port, with the demo organization (a copy of the data directory
 * scripts/web-test.mjs seeded once per run, or seeded at boot without one); Debian's Chromium driven by
 * playwright-core with a fresh profile. Screenshots go to test-results/web/.
 */

export const DEMO_PASSWORD = 'web-journey-password';
export const SHOTS = join(process.cwd(), 'test-results', 'web');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const MOBILE = { width: 375, height: 812 };
export const DESKTOP = { width: 1366, height: 900 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface WebEnv {
  baseUrl: string;
  context: BrowserContext;
  /** A new tab of this size that records console errors and uncaught exceptions. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Errors seen in the console of the tabs so far (uncaught exceptions included). */
  consoleErrors: string[];
  gql<T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  login(email: string): Promise<string>;
  close(): Promise<void>;
}

/** How long the first boot (with the demo seed) may take; the journeys' beforeAll adds a minute. */
export const WEB_BOOT_TIMEOUT_MS = Number(process.env.WEB_BOOT_TIMEOUT_MS ?? 300_000);

export async function startWebEnv(): Promise<WebEnv> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'web-journey-data-'));
  // scripts/web-test.mjs seeds the demo once per run: each journey starts on its own copy.
  const template = process.env.WEB_TEMPLATE_DATA_DIR;
  if (template && template !== 'none') cpSync(template, dataDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'web-journey-profile-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const server: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD, LOG_LEVEL: 'warn', SEED_DEMO: 'true', REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (log += String(d)));
  server.stderr?.on('data', (d) => (log += String(d)));

  // Without a template the first boot seeds the demo: minutes on a loaded 2-core machine (WEB_BOOT_TIMEOUT_MS for more).
  const deadline = Date.now() + WEB_BOOT_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const consoleErrors: string[] = [];

  const gql: WebEnv['gql'] = async (query, variables, token) => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: never; errors?: { message: string; extensions?: { code?: string } }[] };
  };

  return {
    baseUrl,
    context,
    consoleErrors,
    gql,
    async newPage(viewport = DESKTOP) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`);
      });
      return page;
    },
    async login(email) {
      const res = await gql<{ login: { accessToken: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }', {
        e: email,
        p: DEMO_PASSWORD,
      });
      if (!res.data) throw new Error(`login ${email}: ${JSON.stringify(res.errors)}`);
      return res.data.login.accessToken;
    },
    async close() {
      await context.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A screenshot: the whole page on a desktop, what the phone's screen shows on a phone. */
export async function shot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? DESKTOP.width;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: width > 800 });
}

/** axe-core on the page: the serious and critical violations (WCAG 2.1 A/AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}
const I18N_DIR = join(process.cwd(), 'apps', 'web', 'src', 'i18n');
/** A language's strings: the shell's file plus every area's (`i18n/areas/<area>/<lang>.json`, under `<area>`). */
export const messages = (lang: string) => {
  const tree = JSON.parse(readFileSync(join(I18N_DIR, `${lang}.json`), 'utf8')) as Tree;
  const areas = join(I18N_DIR, 'areas');
  if (existsSync(areas)) {
    for (const area of readdirSync(areas, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      tree[area.name] = JSON.parse(readFileSync(join(areas, area.name, `${lang}.json`), 'utf8')) as Tree;
    }
  }
  return flatten(tree);
};

/**
 * What on the page is not translated into `lang`: keys i18next could not find (its missing-key
 * handler), raw keys shown as text (`today.complete`), and English UI strings (longer than one
 * word, different in `lang`) on a page that should be in another language.
 */
export async function untranslated(page: Page, lang: string): Promise<string[]> {
  const problems: string[] = [];
  const missing = await page.evaluate(() => window.__i18nMissing ?? []);
  problems.push(...missing.map((m) => `missing key ${m}`));
  const text = await page.evaluate(() => document.body.innerText);
  const en = messages('en');
  const escape = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const key of new Set([...en.keys()].map((k) => k.replace(/_(one|few|many|other)$/, '')))) {
    if (new RegExp(`(^|[^\\w.])${escape(key)}($|[^\\w.])`).test(text)) problems.push(`raw key on screen: ${key}`);
  }
  if (lang !== 'en') {
    const local = messages(lang);
    for (const [key, english] of en) {
      if (english.includes('{{') || !english.includes(' ')) continue;
      if (local.get(key) === english) continue;
      if (text.includes(english)) problems.push(`English text on a ${lang} screen: "${english}" (${key})`);
    }
  }
  return problems;
}

declare global {
  interface Window {
    __i18nMissing?: string[];
  }
}
