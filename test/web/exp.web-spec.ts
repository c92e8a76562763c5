import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DESKTOP, MOBILE, seriousViolations, shot, startWebEnv, untranslated, WEB_BOOT_TIMEOUT_MS, type WebEnv } from './support/browser.js';
import { draftScripts, managerPlaybookStep } from './support/exp-fixtures.js';

// The manager's experiments (/experiments/*): create with the sample size planner (a field error
// first) → start → log a day and correct it → read the analysis → stop → conclude → publish with
// the promotion of the winning script into chosen script variants → the playbook draft shows it
// (on the screen and through the API). Then the feed, the form and the experiment in en, ru, zh
// and vi at 375×812 and desktop: untranslated text, axe, screenshots.

const MANAGER = 'manager@demo.school';
const WINNING = 'Hi {{lead.firstName}}! I recorded a 30-second voice note about your first lesson — have a listen.';

let env: WebEnv;
let token: string;
let link: { playbookId: string; stepKey: string; persona: string; legionId: string };
let experimentPath = '';

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

beforeAll(async () => {
  env = await startWebEnv();
  token = await env.login(MANAGER);
  link = await managerPlaybookStep(env, token);
}, WEB_BOOT_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await env?.close();
});

describe('the manager runs an experiment', () => {
  it('creates, logs, analyses, concludes and publishes with promotion into the playbook draft', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, MANAGER);
    await page.getByRole('link', { name: 'Experiments' }).first().click();
    await page.waitForURL(/\/experiments$/);
    await page.locator('[data-testid=new-experiment]').click();
    await page.waitForURL(/\/experiments\/new$/);

    // The planner: 10 % baseline, 2 pp effect → 3,841 per variant (the server's formula).
    await page.waitForFunction(() => document.querySelector('[data-testid=required-sample]')?.textContent?.includes('3,841'));

    // Nothing filled in: the API's field errors land on their fields.
    await page.locator('[data-testid=create]').click();
    const title = page.getByLabel('Title');
    await page.waitForFunction(() => document.querySelector('input[aria-invalid=true]') != null);
    expect(await title.getAttribute('aria-invalid')).toBe('true');

    await title.fill('Voice note after lesson 1');
    await page.getByLabel('Hypothesis').fill('A short voice note after the first lesson gets more replies than the text message.');
    await page.locator('[data-testid=analysis-mode]').getByText('Sequential', { exact: true }).click();
    await page.locator('[data-testid=playbook]').selectOption(link.playbookId);
    await page.locator('[data-testid=step]').selectOption(link.stepKey);
    await page.locator('[data-testid=use-plan]').click();
    const v0 = page.locator('[data-testid=variant-0]');
    await v0.getByLabel('What it does differently').fill('The text message of the playbook');
    await v0.getByLabel('Script').fill('Hi {{lead.firstName}}, how was lesson 1?');
    const v1 = page.locator('[data-testid=variant-1]');
    await v1.getByLabel('Key').fill('voice');
    await v1.getByLabel('What it does differently').fill('A 30-second voice note');
    await v1.getByLabel('Script').fill(WINNING);
    await page.locator('[data-testid=create]').click();
    await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/);
    experimentPath = new URL(page.url()).pathname;
    await expect(page.locator('[data-testid=status]').textContent()).resolves.toBe('Draft');

    // Start, log today's numbers, then correct them (the correction is a new row in the history).
    await page.locator('[data-testid=start]').click();
    await page.locator('[data-testid=log-form]').waitFor();
    await page.locator('[data-testid=exposures-control]').fill('400');
    await page.locator('[data-testid=conversions-control]').fill('40');
    await page.locator('[data-testid=exposures-voice]').fill('400');
    await page.locator('[data-testid=conversions-voice]').fill('72');
    await page.locator('[data-testid=log-submit]').click();
    await page.locator('[data-testid=history] tbody tr').nth(1).waitFor();
    await page.locator('[data-testid=totals] tbody tr').first().getByRole('button').click();
    await page.locator('[data-testid=conversions-voice]').fill('70');
    await page.getByLabel('Note').fill('Two replies were counted twice');
    await page.locator('[data-testid=log-submit]').click();
    await page.locator('[data-testid=history] tbody tr').nth(2).waitFor();
    const history = await page.locator('[data-testid=history] tbody tr').allInnerTexts();
    expect(history[0]).toContain('-2');
    expect(history[0]).toContain('Two replies were counted twice');
    expect(await page.locator('[data-testid=totals] tbody tr').first().innerText()).toContain('70 / 400');

    // The analysis: rates with intervals, the comparison, the sequential path, progress.
    await page.waitForFunction(() => document.querySelector('[data-testid=rate-voice]')?.textContent?.includes('17.5%'));
    expect(await page.locator('[data-testid=rate-voice] svg').count()).toBe(1);
    expect(await page.locator('[data-testid=comparison-voice]').innerText()).toContain('Chance to beat control');
    expect(await page.locator('[data-testid=sequential-chart] svg path').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=progress]').innerText()).toContain('400 of 3,841');
    await shot(page, 'exp-analysis-desktop-en');

    // Stop, conclude a win for "voice".
    await page.locator('[data-testid=stop]').click();
    await page.locator('[data-testid=conclude-open]').click();
    await page.locator('[data-testid=conclude-submit]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=summary]')?.getAttribute('aria-invalid') === 'true');
    await page.locator('[data-testid=summary]').fill('The voice note got clearly more replies; use it after lesson 1.');
    await page.locator('[data-testid=conclude-submit]').click();
    await page.locator('[data-testid=conclusion]').waitFor();
    await expect(page.locator('[data-testid=status]').textContent()).resolves.toBe('Concluded');

    // Publish with the promotion into the default script and one persona's script.
    await page.locator('[data-testid=publish-open]').click();
    await page.getByLabel('Note for the teams').fill('Record a voice note after lesson 1.');
    expect(await page.getByRole('checkbox', { name: /Put the winning script/ }).isChecked()).toBe(true);
    await page.locator(`input[type=checkbox][value="${link.persona}"]`).check();
    await shot(page, 'exp-publish-desktop-en');
    await page.locator('[data-testid=publish-submit]').click();
    await page.locator('[data-testid=published]').waitFor();
    await expect(page.locator('[data-testid=status]').textContent()).resolves.toBe('Published');
    await page.locator('[data-testid=draft-step]').waitFor();
    const draftText = await page.locator('[data-testid=draft-step]').innerText();
    expect(draftText).toContain(WINNING);
    expect(await page.locator('[data-testid=promotion]').innerText()).toMatch(/replaced|added/);
    expect(await page.locator('[data-testid=adoptions]').innerText()).toContain('Not adopted by any squad yet');
    await shot(page, 'exp-published-desktop-en');

    // The playbook draft, read through the API, has the winning script in both chosen variants.
    const scripts = await draftScripts(env, token, link.playbookId, link.stepKey);
    expect(scripts.default).toBe(WINNING);
    expect(scripts[link.persona]).toBe(WINNING);

    // The feed: filtered by the result "Win" and the legion, the new experiment links to its page.
    await page.goto(`${env.baseUrl}/experiments`);
    await page.locator('[data-testid=filter-verdict]').selectOption('WIN');
    await page.locator('[data-testid=filter-legion]').selectOption(link.legionId);
    await page.getByRole('link', { name: 'Voice note after lesson 1' }).waitFor();
    await page.locator('[data-testid=mine-tab]').click();
    await page.getByRole('link', { name: 'Voice note after lesson 1' }).click();
    await page.waitForURL(new RegExp(`${experimentPath}$`));
    await page.close();
  }, 180_000);

  it('shows the experiment screens in every language on a phone and a desktop, translated and accessible', async () => {
    expect(experimentPath).not.toBe('');
    const screens = [
      { path: '/experiments', name: 'feed', ready: '[data-testid=experiment]' },
      { path: '/experiments/new', name: 'create', ready: '[data-testid=planner]' },
      { path: experimentPath, name: 'experiment', ready: '[data-testid=analysis]' },
    ];
    for (const [size, viewport] of [
      ['mobile', MOBILE],
      ['desktop', DESKTOP],
    ] as const) {
      const page = await env.newPage(viewport);
      await signIn(page, MANAGER);
      for (const lang of ['en', 'ru', 'zh', 'vi']) {
        await setLanguage(page, lang);
        for (const screen of screens) {
          await page.goto(`${env.baseUrl}${screen.path}`);
          await page.locator(screen.ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          expect({ lang, screen: screen.name, problems: await untranslated(page, lang) }).toEqual({ lang, screen: screen.name, problems: [] });
          expect({ lang, size, screen: screen.name, axe: await seriousViolations(page) }).toEqual({ lang, size, screen: screen.name, axe: [] });
          await shot(page, `exp-${screen.name}-${size}-${lang}`);
          // The phone's whole experiment page too (shot() keeps to the screen on a phone).
          if (size === 'mobile' && screen.name === 'experiment')
            await page.screenshot({ path: `test-results/web/exp-experiment-mobile-full-${lang}.png`, fullPage: true });
        }
      }
      await setLanguage(page, 'en');
      await page.close();
    }
    expect(env.consoleErrors).toEqual([]);
  }, 420_000);
});
