import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DESKTOP, MOBILE, seriousViolations, shot, startWebEnv, untranslated, WEB_BOOT_TIMEOUT_MS, type WebEnv } from './support/browser.js';
import { createPlaybooksFixture, type PlaybooksFixture } from './support/playbooks-fixtures.js';

// The playbooks journey: a sales lead starts a draft of their legion's playbook, adds a step with a
// persona script (variable autocomplete), sees the error of a bad time on its field, fixes it and
// reads the preview; leads do not publish (docs/api.md), so the legion's manager publishes it;
// then the two versions are compared. Every playbook screen in en, ru, zh and vi at 375×812 and
// desktop, checked for untranslated text and axe, and saved as screenshots.

const LEAD = 'lead.tigers@demo.school';
const MANAGER = 'manager@demo.school';
const NEW_STEP = 'Day 1 check-in call';

let env: WebEnv;
let fx: PlaybooksFixture;
let v2 = '';

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
  fx = await createPlaybooksFixture(env, LEAD, MANAGER);
}, WEB_BOOT_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await env?.close();
});

describe('playbooks', () => {
  it('a lead drafts a step with a persona script, sees a bad time on its field and previews; the manager publishes', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, LEAD);
    await page.goto(`${env.baseUrl}/playbooks`);
    await page.locator('[data-testid=playbook-row]').filter({ hasText: 'Weekend intro camp (journey)' }).getByRole('link').click();
    await page.locator('[data-testid=version-row][data-status=PUBLISHED]').waitFor();
    // A lead edits drafts but does not publish.
    expect(await page.locator('[data-testid=publish], [data-testid=retire]').count()).toBe(0);
    await page.locator('[data-testid=new-draft]').click();
    const editor = page.locator('[data-testid=playbook-editor]');
    await editor.waitFor();
    expect(await page.locator('[data-testid=publish-draft]').count()).toBe(0);
    expect(await page.locator('[data-testid=grid-step]').count()).toBe(2);

    // A new step on day 1 with a bad time, a call with a default and a persona script.
    await page.locator('[data-testid=add-step]').click();
    const form = page.locator('[data-testid=step-form]');
    await form.locator('[data-testid=step-title]').fill(NEW_STEP);
    await form.locator('[data-testid=step-day]').fill('1');
    await form.locator('[data-testid=step-time]').fill('25:00');
    await form.locator('[data-testid=step-window]').fill('30');
    await form.getByLabel('Channel').selectOption('CALL');
    await page.locator('[data-testid=add-script]').click();
    const variants = page.locator('[data-testid=script-variant]');
    expect(await variants.count()).toBe(2);
    // Variable autocomplete: typing {{lead.fi offers {{lead.firstName}}; Enter inserts it.
    await variants.nth(0).locator('[data-testid=script-text]').click();
    await page.keyboard.type('Hi {{lead.fi');
    await page.locator('[data-testid=variable-list]').getByText('{{lead.firstName}}').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type(', how did day 1 go? Any questions about {{product.name}}?');
    await expect(variants.nth(0).locator('[data-testid=script-text]').inputValue()).resolves.toBe(
      'Hi {{lead.firstName}}, how did day 1 go? Any questions about {{product.name}}?',
    );
    const persona = await variants.nth(1).getAttribute('data-persona');
    expect(persona).toBeTruthy();
    await variants.nth(1).locator('[data-testid=script-text]').fill('{{lead.firstName}}, you finished day 1 — want a 5-minute call to plan your portfolio?');

    await page.locator('[data-testid=save-draft]').click();
    // The time is refused on its field (the draft's publish-time problems), and the step is marked.
    await form.getByText('is not a time').waitFor();
    expect(await page.locator('[data-testid=grid-step][data-invalid=true]').count()).toBe(1);
    await shot(page, 'playbooks-editor-error-desktop-en');
    await form.locator('[data-testid=step-time]').fill('11:30');
    await page.locator('[data-testid=save-draft]').click();
    await page.locator('[data-testid=notice]').getByText('Draft saved. It is ready to publish.').waitFor();
    expect(await page.locator('[data-testid=grid-step][data-invalid=true]').count()).toBe(0);
    // The steps are on the day/time grid: day 0 10:00 and 19:00, then day 1 11:30.
    const grid = await page.locator('[data-testid=grid-step]').allInnerTexts();
    expect(grid.map((g) => g.split('\n')[0])).toEqual(['10:00', '19:00', '11:30']);
    // The preview renders the script for a sample lead: no placeholders left for lead and product.
    const preview = await page.locator('[data-testid=preview-text]').innerText();
    expect(preview).not.toContain('{{lead.firstName}}');
    expect(preview).toMatch(/Data Analyst course|portfolio/);
    await shot(page, 'playbooks-editor-desktop-en');
    await page.close();

    // The manager of the legion publishes version 2.
    const mgr = await env.newPage(DESKTOP);
    await signIn(mgr, MANAGER);
    await mgr.goto(`${env.baseUrl}/playbooks/${fx.playbookId}`);
    const draftRow = mgr.locator('[data-testid=version-row][data-status=DRAFT]');
    await draftRow.waitFor();
    await draftRow.locator('[data-testid=publish]').click();
    await mgr.locator('[data-testid=confirm]').click();
    await mgr.locator('[data-testid=notice]').getByText('Version 2 is published').waitFor();
    await mgr.locator('[data-testid=version-row][data-status=PUBLISHED][data-number="2"]').waitFor();
    await mgr.locator('[data-testid=version-row][data-status=RETIRED][data-number="1"]').waitFor();
    v2 = (
      await env.gql<{ playbook: { publishedVersion: { id: string } } }>(
        `query($id: ID!) { playbook(id: $id) { publishedVersion { id } } }`,
        { id: fx.playbookId },
        await env.login(MANAGER),
      )
    ).data!.playbook.publishedVersion.id;
    await mgr.close();
  });

  it('compares the two versions: the added step with its scripts', async () => {
    const page = await env.newPage(MOBILE);
    await signIn(page, LEAD);
    await page.goto(`${env.baseUrl}/playbooks/${fx.playbookId}`);
    await page.locator('[data-testid=compare-open]').click();
    const added = page.locator('[data-testid=step-change][data-change=ADDED]');
    await added.waitFor();
    expect(await added.innerText()).toContain(NEW_STEP);
    await expect(page.locator('[data-testid=compare-summary]').innerText()).resolves.toBe(
      'From version 1 to version 2. Steps added: 1, removed: 0, changed: 0.',
    );
    expect(await page.locator('[data-testid=step-change][data-change=UNCHANGED]').count()).toBe(0);
    await shot(page, 'playbooks-compare-mobile-en');
    await page.close();
  });

  it('shows every playbook screen in en, ru, zh and vi at 375×812 and desktop, translated, without serious axe violations', async () => {
    const screens = [
      { path: '/playbooks', name: 'list', ready: '[data-testid=playbook-row]' },
      { path: `/playbooks/${fx.playbookId}`, name: 'versions', ready: '[data-testid=version-row]' },
      { path: `/playbooks/${fx.playbookId}/edit?version=${v2}`, name: 'editor', ready: '[data-testid=preview-text]' },
      { path: `/playbooks/${fx.playbookId}/compare?a=${fx.v1}&b=${v2}`, name: 'compare', ready: '[data-testid=step-change]' },
      { path: '/playbooks/cohorts', name: 'cohorts', ready: '[data-testid=cohort-member], [data-testid=cohort-no-items]', open: true },
    ];
    for (const [size, viewport] of [
      ['mobile', MOBILE],
      ['desktop', DESKTOP],
    ] as const) {
      const page = await env.newPage(viewport);
      await signIn(page, LEAD);
      for (const lang of ['en', 'ru', 'zh', 'vi']) {
        await setLanguage(page, lang);
        for (const screen of screens) {
          await page.goto(`${env.baseUrl}${screen.path}`);
          if (screen.open) await page.locator('[data-testid=cohort-row] button').first().click();
          await page.locator(screen.ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          expect({ lang, screen: screen.name, problems: await untranslated(page, lang) }).toEqual({ lang, screen: screen.name, problems: [] });
          if (lang === 'en' || size === 'mobile') {
            expect({ screen: screen.name, size, lang, violations: await seriousViolations(page) }).toEqual({ screen: screen.name, size, lang, violations: [] });
          }
          await shot(page, `playbooks-${screen.name}-${size}-${lang}`);
        }
      }
      await setLanguage(page, 'en');
      await page.close();
    }
    expect(env.consoleErrors).toEqual([]);
  }, 600_000);
});
