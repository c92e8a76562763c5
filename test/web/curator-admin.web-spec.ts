import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DESKTOP, MOBILE, seriousViolations, shot, startWebEnv, untranslated, WEB_BOOT_TIMEOUT_MS, type WebEnv } from './support/browser.js';
import { seedAtRiskStudent } from './support/curator-admin-fixtures.js';

// Journeys of the curator's students screens and the admin's people screens: a curator opens an
// at-risk student and logs an intervention; an admin creates a user (a bad email shows on its
// field) and an API key (the secret once, a copy button) and revokes it; then every screen in en,
// ru, zh and vi at 375×812 and desktop, checked for untranslated text and axe, and saved.

const CURATOR = 'curator.stars.1@demo.school';
const ADMIN = 'admin@demo.school';
const CURATOR_SCREENS = [
  { path: '/students', name: 'students', ready: '[data-testid=student-count], [data-testid=student-row], [data-testid=student-card]' },
  { path: '/students/risk', name: 'risk', ready: '[data-testid=risk-row]' },
  { path: '/students/scorecard', name: 'scorecard', ready: '[data-testid=scorecard-line]' },
  { path: '/students/agenda', name: 'agenda', ready: '[data-testid=agenda-row], [data-testid=item-state], .mantine-Card-root' },
] as const;
const ADMIN_SCREENS = [
  { path: '/admin', name: 'structure', ready: '[data-testid=legion]' },
  { path: '/admin/users', name: 'users', ready: '[data-testid=user-row]' },
  { path: '/admin/keys', name: 'keys', ready: '[data-testid=key-row]' },
] as const;

let env: WebEnv;
let adminToken: string;
let atRiskName: string;

async function signIn(page: Page, email: string, home: RegExp) {
  await page.goto(`${env.baseUrl}/signin`);
  await page.locator('input[name=email], input[type=email]').first().fill(email);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(home);
}

async function setLanguage(page: Page, lang: string) {
  await page.getByTestId('language-switcher').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
}

/** Picks an option of a Mantine Select by its visible label. */
async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  env = await startWebEnv();
  adminToken = await env.login(ADMIN);
  atRiskName = await seedAtRiskStudent(env, adminToken, CURATOR);
}, WEB_BOOT_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await env?.close();
});

describe('the curator', () => {
  it('lands on the students, opens an at-risk student and logs an intervention', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, CURATOR, /\/students$/);
    await page.getByTestId('students-table').getByText(atRiskName).waitFor();

    await page.getByTestId('students-tab-risk').click();
    const row = page.getByTestId('risk-row').filter({ hasText: atRiskName });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Not studying');
    await row.getByTestId('open-student').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('log-form').waitFor();
    await drawer.getByText('Nothing logged for this student yet.').waitFor();

    // No outcome: refused on the field.
    await drawer.getByTestId('log-submit').click();
    await drawer.getByText('Choose what came of it.').waitFor();
    await drawer.locator('[data-testid=log-outcome][aria-invalid=true]').waitFor();

    await pick(page, 'log-outcome', 'Promised to study');
    await drawer.getByTestId('log-note').fill('Called; will catch up on two lessons this weekend.');
    await drawer.getByTestId('log-submit').click();
    await drawer.getByTestId('log-saved').waitFor();
    const logged = drawer.getByTestId('intervention').first();
    await logged.waitFor();
    await expect(logged.textContent()).resolves.toContain('will catch up on two lessons');
    await expect(logged.textContent()).resolves.toContain('Promised to study');
    await shot(page, 'curator-intervention-desktop-en');
    await page.keyboard.press('Escape');
    // The list shows the contact.
    await row.getByText(/last contact/).waitFor();
    await page.close();
  }, 180_000);
});

describe('the admin', () => {
  it('creates a user (a bad email shows on its field), then an API key shown once, and revokes it', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, ADMIN, /\/board/);
    await page.goto(`${env.baseUrl}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    await page.getByTestId('new-user').click();
    const form = page.getByTestId('user-form');
    await form.getByTestId('user-name').fill('Mai Tran');
    await form.getByTestId('user-email').fill('not-an-email');
    await form.getByTestId('user-password').fill('curator-journey-2026');
    await form.getByTestId('create-user').click();
    await form.locator('[data-testid=user-email][aria-invalid=true]').waitFor();
    await expect(form.textContent()).resolves.toContain('must be a valid email address');
    const describedBy = await form.getByTestId('user-email').getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await shot(page, 'admin-user-error-desktop-en');

    await form.getByTestId('user-email').fill('mai.tran@demo.school');
    await form.getByTestId('create-user').click();
    await page.getByTestId('users-notice').getByText('Mai Tran can now sign in.').waitFor();
    await page.locator('[data-testid=user-row][data-email="mai.tran@demo.school"]').waitFor();

    await page.getByTestId('admin-tab-keys').click();
    await page.getByTestId('new-key').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('key-name').fill('Payment gateway (journey)');
    await dialog.getByTestId('create-key').click();
    await dialog.getByText('Choose at least one scope.').waitFor();
    await dialog.getByTestId('scope-commerce:write').check();
    await dialog.getByTestId('create-key').click();
    const secret = (await dialog.getByTestId('key-secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await dialog.getByTestId('copy-secret').click();
    await dialog.getByText('Copied').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);
    await shot(page, 'admin-key-secret-desktop-en');
    await dialog.getByTestId('secret-done').click();

    // The secret is never shown again; revoking marks the key.
    const row = page.locator('[data-testid=key-row][data-key-name="Payment gateway (journey)"]');
    await row.waitFor();
    await expect(page.locator('body').textContent()).resolves.not.toContain(secret);
    await row.getByTestId('revoke-key').click();
    await page.getByTestId('confirm-revoke').click();
    await row.getByTestId('key-revoked').waitFor();
    await page.close();
  }, 180_000);
});

describe('every curator and admin screen', () => {
  it('is translated in en, ru, zh and vi at 375×812 and desktop, without serious axe violations', async () => {
    for (const [size, viewport] of [
      ['mobile', MOBILE],
      ['desktop', DESKTOP],
    ] as const) {
      for (const [who, home, screens] of [
        [CURATOR, /\/students$/, CURATOR_SCREENS],
        [ADMIN, /\/board/, ADMIN_SCREENS],
      ] as const) {
        const page = await env.newPage(viewport);
        await signIn(page, who, home);
        for (const lang of ['en', 'ru', 'zh', 'vi']) {
          await setLanguage(page, lang);
          for (const screen of screens) {
            await page.goto(`${env.baseUrl}${screen.path}`);
            await page.locator(screen.ready).first().waitFor();
            await page.waitForLoadState('networkidle');
            expect({ lang, screen: screen.name, problems: await untranslated(page, lang) }).toEqual({ lang, screen: screen.name, problems: [] });
            if (lang === 'en' || size === 'mobile') {
              expect({ screen: screen.name, size, lang, violations: await seriousViolations(page) }).toEqual({
                screen: screen.name,
                size,
                lang,
                violations: [],
              });
            }
            await shot(page, `${who === CURATOR ? 'curator' : 'admin'}-${screen.name}-${size}-${lang}`);
          }
        }
        await setLanguage(page, 'en');
        await page.close();
      }
    }
    expect(env.consoleErrors).toEqual([]);
  }, 900_000);
});
