import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, type WebEnv } from './browser.js';

// Helpers of the numbers journey (test/web/numbers.web-spec.ts).

export async function signIn(env: WebEnv, page: Page, email: string): Promise<void> {
  await page.goto(`${env.baseUrl}/signin`);
  await page.locator('input[name=email], input[type=email]').first().fill(email);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

export async function setLanguage(page: Page, lang: string): Promise<void> {
  await page.locator('[data-testid=language-switcher]').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
}

export interface SavedBoard {
  id: string;
  name: string;
  current: { metricKey: string | null; minDenominator: number | null; shrinkageK: number | null; topPct: number; bottomPct: number };
}

/** The leaderboard definitions a user sees, through the API. */
export async function boardsOf(env: WebEnv, email: string): Promise<SavedBoard[]> {
  const res = await env.gql<{ leaderboardDefinitions: SavedBoard[] }>(
    `{ leaderboardDefinitions { id name current { metricKey minDenominator shrinkageK topPct bottomPct } } }`,
    {},
    await env.login(email),
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.leaderboardDefinitions;
}
