import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DESKTOP, MOBILE, seriousViolations, shot, startWebEnv, untranslated, WEB_BOOT_TIMEOUT_MS, type WebEnv } from './support/browser.js';
import { boardsOf, signIn, setLanguage } from './support/numbers-fixtures.js';

// The manager's numbers (issue 17): a leaderboard definition created with its live preview shown
// before saving (an invalid band percentage shows its error on the field), the metric explorer
// and unit economics; every screen in en, ru, zh and vi at 375×812 and desktop with axe.
// Runs against the built app on an empty DATA_DIR with the demo organization (npm run test:web).

const MANAGER = 'manager@demo.school';
const BOARD_NAME = 'Journey — weekly conversion';
const SCREENS = [
  { path: '/numbers', name: 'boards', ready: '[data-testid=board-definition]' },
  { path: '/numbers/metrics', name: 'metrics', ready: '[data-testid=metric-row]' },
  { path: '/numbers/economics', name: 'economics', ready: '[data-testid=ue-row]' },
] as const;

let env: WebEnv;

beforeAll(async () => {
  env = await startWebEnv();
}, WEB_BOOT_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await env?.close();
});

const topPct = (page: Page) => page.locator('[data-testid=board-form] input[name=topPct]');
const bottomPct = (page: Page) => page.locator('[data-testid=board-form] input[name=bottomPct]');

describe('the manager', () => {
  it('creates a leaderboard after seeing its preview; a wrong band percentage is refused on its field', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(env, page, MANAGER);
    await page.goto(`${env.baseUrl}/numbers`);
    await page.locator('[data-testid=new-board]').click();
    const form = page.locator('[data-testid=board-form]');
    await form.locator('input[name=name]').fill(BOARD_NAME);
    await form.locator('select[name=metricKey]').selectOption('conversion_rate');
    await form.locator('input[name=minDenominator]').fill('3');
    await form.locator('input[name=shrinkageK]').fill('5');
    // The preview of the unsaved board: rows with their bands, before anything is saved.
    const preview = page.locator('[data-testid=board-preview]');
    await preview.locator('[data-testid=preview-row]').first().waitFor({ timeout: 20_000 });
    expect(await preview.locator('[data-testid=preview-row]').count()).toBeGreaterThan(0);
    expect((await boardsOf(env, MANAGER)).map((b) => b.name)).not.toContain(BOARD_NAME);
    await shot(page, 'numbers-board-preview-desktop-en');

    // A band percentage out of range: the error is on the field and the preview waits.
    await topPct(page).fill('120');
    await form.getByText('Enter a number from 0 to 100.').waitFor();
    await expect(topPct(page).getAttribute('aria-invalid')).resolves.toBe('true');
    await preview.getByText('Fix the highlighted fields to see the preview.').waitFor();
    // Together over 100 %: on the bottom band's field.
    await topPct(page).fill('70');
    await bottomPct(page).fill('40');
    await form.getByText('Top and bottom together may be at most 100 %.').waitFor();
    await expect(bottomPct(page).getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'numbers-board-error-desktop-en');
    // Saving is refused while a field is wrong.
    await page.locator('[data-testid=save-board]').click();
    expect((await boardsOf(env, MANAGER)).map((b) => b.name)).not.toContain(BOARD_NAME);
    await bottomPct(page).fill('15');
    await topPct(page).fill('25');
    await preview.locator('[data-testid=preview-row]').first().waitFor();
    await preview.getByText(/Bands: top 25 %, middle 60 %, bottom 15 %/).waitFor();

    await page.locator('[data-testid=save-board]').click();
    await page
      .getByRole('status')
      .filter({ hasText: `Leaderboard “${BOARD_NAME}” created.` })
      .waitFor();
    await page.locator('[data-testid=board-definition]').filter({ hasText: BOARD_NAME }).waitFor();
    const saved = (await boardsOf(env, MANAGER)).find((b) => b.name === BOARD_NAME);
    expect(saved?.current).toMatchObject({ metricKey: 'conversion_rate', minDenominator: 3, shrinkageK: 5, topPct: 25, bottomPct: 15 });
    await page.close();
  }, 120_000);

  it('explores a metric over 13 weeks, highlights a rep, and reads unit economics', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(env, page, MANAGER);
    await page.goto(`${env.baseUrl}/numbers/metrics`);
    await page.locator('[data-testid=metric-row]').first().waitFor({ timeout: 30_000 });
    await page.locator('select[name=metric]').selectOption('conversion_rate');
    // A rep with a conversion rate this week (rows are sorted best first): tick it.
    const withRate = page.locator('[data-testid=metric-row]').filter({ hasText: '%' }).first();
    await withRate.waitFor({ timeout: 30_000 });
    const table = page.locator('[data-testid=metric-table]');
    await expect(table.locator('thead').textContent()).resolves.toMatch(/Numerator.*Denominator/);
    expect(await page.locator('[data-testid=chart-series]').count()).toBe(0);
    await withRate.getByRole('checkbox').check();
    await expect(page.locator('[data-testid=chart-series]').count()).resolves.toBeGreaterThanOrEqual(1);
    // Compare against an older period: the table's header follows the choice.
    const options = await page.locator('select[name=periodB] option').allTextContents();
    expect(options).toHaveLength(13);
    await page.locator('select[name=periodB]').selectOption({ index: 0 });
    await expect(table.locator('thead').textContent()).resolves.toContain(options[0]!);

    await page.goto(`${env.baseUrl}/numbers/economics`);
    await page.locator('[data-testid=ue-row]').first().waitFor({ timeout: 30_000 });
    for (const chart of ['cac', 'firstOrderRevenue', 'unitEconomics', 'ltv', 'ltvToCac', 'payback'])
      await page.locator(`[data-testid=ue-chart-${chart}]`).waitFor();
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Campaign' }).click();
    await page.locator('[data-testid=ue-table] thead').getByText('Campaign').waitFor();
    // An end before the start is refused on its field.
    await page.locator('input[name=to]').fill('2020-01-01');
    await page.getByText('Must be after the start date.').waitFor();
    await page.close();
  }, 120_000);

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['mobile', MOBILE],
  ] as const) {
    it(`shows every numbers screen translated and accessible in four languages (${size})`, async () => {
      const page = await env.newPage(viewport);
      await signIn(env, page, MANAGER);
      for (const lang of ['en', 'ru', 'zh', 'vi']) {
        await setLanguage(page, lang);
        for (const s of SCREENS) {
          await page.goto(`${env.baseUrl}${s.path}`);
          await page.locator(s.ready).first().waitFor({ timeout: 30_000 });
          if (s.name === 'boards') {
            // The editor with its preview, as a manager sees it while building a board.
            await page.locator('[data-testid=new-board]').click();
            await page.locator('[data-testid=board-form] select[name=metricKey]').selectOption('conversion_rate');
            await page.locator('[data-testid=preview-row]').first().waitFor({ timeout: 20_000 });
          }
          if (s.name === 'metrics') await page.locator('[data-testid=metric-chart]').waitFor();
          expect({ lang, screen: s.name, problems: await untranslated(page, lang) }).toEqual({ lang, screen: s.name, problems: [] });
          expect({ lang, screen: s.name, axe: await seriousViolations(page) }).toEqual({ lang, screen: s.name, axe: [] });
          await shot(page, `numbers-${s.name}-${size}-${lang}`);
        }
      }
      await setLanguage(page, 'en');
      await page.close();
    }, 240_000);
  }

  it('left no console errors', () => {
    expect(env.consoleErrors).toEqual([]);
  });
});
