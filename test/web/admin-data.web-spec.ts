import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DESKTOP, MOBILE, seriousViolations, shot, startWebEnv, untranslated, WEB_BOOT_TIMEOUT_MS, type WebEnv } from './support/browser.js';
import { importFixture, renameSquad } from './support/adminData-fixtures.js';

// Journeys of the admin's data screens: a CSV import with one bad line (dry run → the error with its
// line number → the import's counts), a survey's calibration chart, the audit log filtered down to
// one change and its before/after diff; each screen in en, ru, zh and vi at 375×812 and desktop,
// with axe. Runs against the built app on an empty DATA_DIR with the demo organization.

const ADMIN = 'admin@demo.school';
let env: WebEnv;
let admin: string;
let fx: Awaited<ReturnType<typeof importFixture>>;
let renamed: Awaited<ReturnType<typeof renameSquad>>;

async function signIn(page: Page, email: string) {
  await page.goto(`${env.baseUrl}/signin`);
  await page.locator('input[name=email], input[type=email]').first().fill(email);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/board/);
}

async function setLanguage(page: Page, lang: string) {
  await page.locator('[data-testid=language-switcher]').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
}

async function chooseFile(page: Page) {
  await page.locator('[data-testid=import-survey]').selectOption(fx.surveyId);
  await page.locator('input[type=file]').setInputFiles(fx.csvPath);
}

beforeAll(async () => {
  env = await startWebEnv();
  admin = await env.login(ADMIN);
  fx = await importFixture(env, admin);
  renamed = await renameSquad(env, admin);
}, WEB_BOOT_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await env?.close();
});

describe('the admin', () => {
  it('imports a CSV with one bad line: the dry run shows the error on its line, the import reports the counts', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, ADMIN);
    await page.goto(`${env.baseUrl}/admin/import`);
    await chooseFile(page);
    await expect(page.locator('[data-testid=import-run]').isDisabled()).resolves.toBe(true);
    await page.locator('[data-testid=import-dry-run]').click();
    const dry = page.locator('[data-testid=dry-run-report]');
    await dry.waitFor();
    const errors = dry.locator('[data-testid=import-error]');
    await expect(errors.count()).resolves.toBe(1);
    const cells = await errors.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe(String(fx.badLine));
    expect(cells[1]).toBe(fx.badField);
    expect(cells[2]).toContain("unknown option 'astronaut'");
    await expect(dry.locator('[data-testid=import-total-rows]').innerText()).resolves.toContain('3');
    await expect(dry.locator('[data-testid=import-total-good]').innerText()).resolves.toContain('2');
    await shot(page, 'adminData-import-dryrun-desktop-en');

    await page.locator('[data-testid=import-run]').click();
    const done = page.locator('[data-testid=import-report]');
    await done.waitFor();
    await expect(done.locator('[data-testid=import-total-imported]').innerText()).resolves.toContain('2');
    await expect(done.locator('[data-testid=import-total-created]').innerText()).resolves.toContain('2');
    await expect(done.locator('[data-testid=import-total-bad]').innerText()).resolves.toContain('1');
    const line = await done.locator('[data-testid=import-error] td').allInnerTexts();
    expect(line.slice(0, 2)).toEqual([String(fx.badLine), fx.badField]);
    await shot(page, 'adminData-import-done-desktop-en');
    // Imported for real: the leads exist.
    const res = await env.gql<{ leads: { nodes: { name: string }[] } }>(`{ leads(search: "Journey", first: 10) { nodes { name } } }`, {}, admin);
    expect(res.data!.leads.nodes.map((l) => l.name).sort()).toEqual(['Journey Anna', 'Journey Chen']);
    await page.close();
  }, 180_000);

  it('opens the calibration chart of the intake survey', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, ADMIN);
    await page.goto(`${env.baseUrl}/admin/surveys?survey=${fx.surveyId}`);
    await page.locator('[data-testid=calibration-question]').first().waitFor();
    expect(await page.locator('[data-testid=calibration-question] [data-testid=calibration-bar]').count()).toBeGreaterThan(3);
    // By score band: one bar per tier of the live version (the demo's A–D).
    expect(await page.locator('[data-testid=calibration-tiers] [data-testid=calibration-bar]').count()).toBeGreaterThanOrEqual(2);
    const label = await page.locator('[data-testid=calibration-question] svg').first().getAttribute('aria-label');
    expect(label).toMatch(/\d+%? \(\d+ of \d+\)|\d+ % \(\d+ of \d+\)/);
    await shot(page, 'adminData-surveys-calibration-desktop-en');
    // A draft from the live version; a duplicate tier name is refused at publishing, on its field.
    await page.locator('[data-testid=tab-draft]').click();
    await page.locator('[data-testid=start-draft]').click();
    await page.locator('[data-testid=draft-editor]').waitFor();
    const first = await page.getByLabel('Tier 1', { exact: true }).inputValue();
    const second = page.getByLabel('Tier 2', { exact: true });
    await second.fill(first);
    await page.locator('[data-testid=publish-survey]').click();
    await page.waitForFunction(() => document.querySelector('input[aria-label="Tier 2"]')?.getAttribute('aria-invalid') === 'true');
    const describedBy = await second.getAttribute('aria-describedby');
    const message = await page.locator(`[id="${describedBy!.split(' ').find((id) => id.includes('error'))}"]`).innerText();
    expect(message).toContain(`duplicate tier name '${first}'`);
    await shot(page, 'adminData-surveys-draft-desktop-en');
    await page.close();
  }, 120_000);

  it('filters the audit log down to a rename and reads its diff', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, ADMIN);
    await page.goto(`${env.baseUrl}/admin/audit`);
    await page.locator('[data-testid=audit-event]').first().waitFor();
    await page.locator('[data-testid=audit-entity-type]').fill('Squad');
    await page.locator('[data-testid=audit-action]').fill('UPDATED');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=audit-apply]').click();
    const first = page.locator('[data-testid=audit-event]').first();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=audit-event]')].every((e) => e.textContent?.includes('Squad')));
    await expect(first.innerText()).resolves.toContain(renamed.squadId);
    await first.locator('[data-testid=audit-diff-toggle]').click();
    const row = first.locator('[data-testid=audit-diff-row]').filter({ hasText: 'name' });
    // The diff opens on the next render: wait for its row before reading its cells.
    await row.waitFor();
    await expect(row.locator('td').allInnerTexts()).resolves.toEqual(['name', renamed.before, renamed.after]);
    await shot(page, 'adminData-audit-diff-desktop-en');
    await page.close();
  }, 120_000);

  it('shows the survey, import and audit screens in en, ru, zh and vi at 375×812 and desktop, translated, without serious axe violations', async () => {
    const screens = [
      { path: `/admin/surveys?survey=${fx.surveyId}`, name: 'surveys', ready: '[data-testid=calibration-question]' },
      { path: '/admin/import', name: 'import', ready: '[data-testid=import-file]' },
      { path: '/admin/audit', name: 'audit', ready: '[data-testid=audit-event]' },
    ];
    for (const [size, viewport] of [
      ['mobile', MOBILE],
      ['desktop', DESKTOP],
    ] as const) {
      const page = await env.newPage(viewport);
      await signIn(page, ADMIN);
      for (const lang of ['en', 'ru', 'zh', 'vi']) {
        await setLanguage(page, lang);
        for (const screen of screens) {
          await page.goto(`${env.baseUrl}${screen.path}`);
          await page.locator(screen.ready).first().waitFor();
          if (screen.name === 'import') {
            // The report of a dry run (server messages stay in the API's words).
            await chooseFile(page);
            await page.locator('[data-testid=import-dry-run]').click();
            await page.locator('[data-testid=dry-run-report]').waitFor();
          }
          if (screen.name === 'audit') {
            await page.locator('[data-testid=audit-diff-toggle]').first().click();
            await page.locator('[data-testid=audit-diff]').first().waitFor();
          }
          await page.waitForLoadState('networkidle');
          expect({ lang, screen: screen.name, problems: await untranslated(page, lang) }).toEqual({ lang, screen: screen.name, problems: [] });
          if (lang === 'en' || size === 'mobile') {
            expect({ screen: screen.name, size, lang, violations: await seriousViolations(page) }).toEqual({ screen: screen.name, size, lang, violations: [] });
          }
          await shot(page, `adminData-${screen.name}-${size}-${lang}`);
        }
      }
      await setLanguage(page, 'en');
      await page.close();
    }
    expect(env.consoleErrors).toEqual([]);
  }, 600_000);
});
