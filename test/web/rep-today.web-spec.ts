import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seedPersonaCamp } from './support/fixtures.js';
import { DEMO_PASSWORD, DESKTOP, MOBILE, seriousViolations, shot, startWebEnv, untranslated, WEB_BOOT_TIMEOUT_MS, type WebEnv } from './support/browser.js';

// Journeys of the rep's console: sign-in, the Today screen (persona script, complete, skip,
// objections, the lead), languages, accessibility, expired sessions and a lost connection.
// Runs against the built app on an empty DATA_DIR with the demo organization (npm run test:web).

const REP = 'rep.tigers.1@demo.school';
const LEAD = 'lead.tigers@demo.school';

interface ApiItem {
  id: string;
  step: { key: string };
  status: string;
  note: string | null;
  skipReason: string | null;
  lead: { name: string; persona: string | null } | null;
  script: { text: string; persona: string | null } | null;
  objectionLogs: { id: string; answerId: string | null }[];
}

const AGENDA = `query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) {
  id status note skipReason step { key } lead { name persona } script { text persona } objectionLogs { id answerId } } }`;

let env: WebEnv;
let repToken: string;
let camp: { stepKey: string; persona: string };

async function agenda(): Promise<ApiItem[]> {
  const now = Date.now();
  const res = await env.gql<{ myAgenda: ApiItem[] }>(
    AGENDA,
    { from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 2 * 86_400_000).toISOString() },
    repToken,
  );
  return res.data!.myAgenda;
}

/** Signs in from the sign-in page in English (a user's remembered language then applies). */
async function signIn(page: Page, email: string) {
  await page.goto(`${env.baseUrl}/signin`);
  await page.getByTestId('language-switcher').selectOption('en');
  await page
    .getByLabel(/email|邮箱/i)
    .first()
    .fill(email);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
}

async function openItem(page: Page, id: string) {
  await page.locator(`[data-testid=agenda-row][data-item-id="${id}"]`).click();
  await page.locator(`[data-testid=current-item][data-item-id="${id}"]`).waitFor();
}

beforeAll(async () => {
  env = await startWebEnv();
  repToken = await env.login(REP);
  camp = await seedPersonaCamp(env, REP);
}, WEB_BOOT_TIMEOUT_MS + 60_000); // the boot deadline of startWebEnv, plus the login and seed

afterAll(async () => {
  await env?.close();
});

/** Waits until the text field of the dialog form `testId` has the focus (Mantine's data-autofocus, after the transition). */
async function noteFocused(page: Page, testId: string): Promise<void> {
  await page.waitForFunction((id) => document.activeElement?.tagName === 'TEXTAREA' && !!document.activeElement.closest(`[data-testid=${id}]`), testId);
}

describe('sign-in', () => {
  it('sends a visitor to sign-in, shows field and credential errors, and passes axe', async () => {
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['mobile', MOBILE],
    ] as const) {
      const page = await env.newPage(viewport);
      await page.goto(`${env.baseUrl}/today`);
      await page.waitForURL('**/signin');
      await page.getByRole('heading', { name: 'Sign in to SquadOps' }).waitFor();
      await page.locator('button[type=submit]').click();
      await page.getByText('Enter your email.').waitFor();
      await page.getByText('Enter your password.').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `signin-${name}-en`);
      await page.locator('input[name=email]').fill(REP);
      await page.locator('input[name=password]').fill('not-the-password');
      await page.locator('button[type=submit]').click();
      await expect(page.getByTestId('signin-error').textContent()).resolves.toBe('Wrong email or password.');
      await page.close();
    }
  }, 120_000);
});

describe('rep: Today', () => {
  let page: Page;

  beforeAll(async () => {
    page = await env.newPage(DESKTOP);
    await signIn(page, REP);
    await page.waitForURL('**/today');
    await page.getByTestId('current-item').waitFor();
  }, 60_000);

  afterAll(async () => {
    await page?.close();
  });

  it('opens an item that is not current: a loader, then its script and objections, asked for alone', async () => {
    // The sheet sends the current and next items' scripts and objections; the last listed pending
    // item with a script is neither, so opening it asks for its details (docs/web.md "Today").
    const listed = await page.locator('[data-testid=agenda-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id')));
    const target = (await agenda()).filter((i) => i.status === 'PENDING' && i.script && listed.includes(i.id)).at(-1);
    expect(target).toBeDefined();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('AgendaItemDetails')) {
        asked.push(body);
        await held;
      }
      await route.continue();
    });
    try {
      await page.locator(`[data-testid=agenda-row][data-item-id="${target!.id}"]`).click();
      const card = page.locator(`[data-testid=current-item][data-item-id="${target!.id}"]`);
      await card.getByTestId('item-details-loading').waitFor();
      await shot(page, 'today-item-loading-desktop-en');
      release();
      await expect(card.getByTestId('script-text').textContent()).resolves.toBe(target!.script!.text);
      await card.getByTestId('item-details-loading').waitFor({ state: 'detached' });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain(target!.id);
    } finally {
      release();
      await page.unroute('**/graphql');
    }
  }, 60_000);

  it('reads the persona script of an item, opens the lead, completes it with the keyboard and sees the status change', async () => {
    const items = await agenda();
    const target = items.find((i) => i.status === 'PENDING' && i.step.key === camp.stepKey && i.script?.persona === camp.persona);
    expect(target).toBeDefined();
    await openItem(page, target!.id);
    const card = page.locator(`[data-testid=current-item][data-item-id="${target!.id}"]`);
    await expect(card.getByTestId('script-text').textContent()).resolves.toBe(target!.script!.text);
    await card.getByText(`Script for ${target!.script!.persona}`).waitFor();
    expect(target!.script!.text).not.toContain('{{');

    // The lead, tier, persona and score explanation: one click away.
    await card.getByTestId('open-lead').click();
    const drawer = page.getByTestId('lead-details');
    await drawer.waitFor();
    await drawer.getByText(`Persona: ${target!.lead!.persona}`).waitFor();
    await drawer.getByText('Why this tier').waitFor();
    await page.waitForTimeout(400); // the drawer's slide-in
    await shot(page, 'today-lead-desktop-en');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // Copy the script.
    await card.getByTestId('copy-script').click();
    await card.getByText('Copied').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(target!.script!.text);

    // Complete with the keyboard alone: focus the button, Enter, type the note, Enter.
    await card.getByTestId('complete').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('complete-form').waitFor();
    // The dialog moves focus to its note field once its transition ends: type only then.
    await noteFocused(page, 'complete-form');
    await page.keyboard.type('Called, she will join the live class');
    await page.keyboard.press('Enter');
    await card.locator('[data-testid=item-state][data-state^=done]').waitFor();
    await page.getByTestId('announcer').getByText(/Done/).waitFor();
    const row = page.locator(`[data-testid=agenda-row][data-item-id="${target!.id}"]`);
    await row.locator('[data-testid=item-state][data-state^=done]').waitFor();
    await card.getByText('Called, she will join the live class').waitFor();

    const after = (await agenda()).find((i) => i.id === target!.id)!;
    expect(after.status).toBe('DONE');
    expect(after.note).toBe('Called, she will join the live class');
    await shot(page, 'today-completed-desktop-en');
  }, 120_000);

  it('skips an item with the keyboard; an empty reason is refused on the field', async () => {
    const target = (await agenda()).find((i) => i.status === 'PENDING' && i.step.key === camp.stepKey);
    expect(target).toBeDefined();
    await openItem(page, target!.id);
    const card = page.locator(`[data-testid=current-item][data-item-id="${target!.id}"]`);
    await card.getByTestId('skip').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('skip-form').waitFor();
    await noteFocused(page, 'skip-form');
    await page.keyboard.press('Enter');
    await page.getByText('Give a reason for skipping.').waitFor();
    await page.keyboard.type('Lead asked to talk next week');
    await page.keyboard.press('Enter');
    await card.locator('[data-testid=item-state][data-state=skipped]').waitFor();
    await card.getByText('Lead asked to talk next week').waitFor();
    const after = (await agenda()).find((i) => i.id === target!.id)!;
    expect(after.status).toBe('SKIPPED');
    expect(after.skipReason).toBe('Lead asked to talk next week');
  }, 60_000);

  it('searches the playbook objections and logs the answer used', async () => {
    const target = (await agenda()).find((i) => i.status === 'PENDING' && i.step.key === camp.stepKey);
    await openItem(page, target!.id);
    const card = page.locator(`[data-testid=current-item][data-item-id="${target!.id}"]`);
    // The step's own objection comes first, the explorer's answer marked and first.
    const own = card.locator('[data-testid=objection]').first();
    await own.getByText('I am just looking around for now.').waitFor();
    // The step's only objection is open from the start.
    await expect(own.locator('button[aria-expanded]').first().getAttribute('aria-expanded')).resolves.toBe('true');
    await own.getByText(`For ${camp.persona}`).waitFor();
    // The search reaches the playbook's other objections too.
    await card.getByRole('searchbox').fill('looking around');
    await expect(card.locator('[data-testid=objection]').count()).resolves.toBe(1);
    await card.getByRole('searchbox').fill('');
    // By keyboard (the sticky Complete/Skip bar may cover the button's spot for a pointer).
    await own.getByRole('button', { name: 'Used this answer' }).first().focus();
    await page.keyboard.press('Enter');
    await card.getByTestId('objection-logs').getByText('1 objection logged').waitFor();
    // An improvised answer, with what was said.
    await own.getByRole('button', { name: 'I improvised' }).focus();
    await page.keyboard.press('Enter');
    await own.getByLabel('What did you answer?').fill('Offered to send the lesson 3 recording');
    await own.getByRole('button', { name: 'Log objection' }).focus();
    await page.keyboard.press('Enter');
    await card.getByTestId('objection-logs').getByText('2 objections logged').waitFor();
    await card
      .getByTestId('objection-logs')
      .getByText(/improvised — Offered to send the lesson 3 recording/)
      .waitFor();
    const after = (await agenda()).find((i) => i.id === target!.id)!;
    expect(after.objectionLogs).toHaveLength(2);
    expect(after.objectionLogs.filter((l) => l.answerId === null)).toHaveLength(1);
  }, 60_000);

  it('has no serious accessibility violation and fits a phone', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(MOBILE);
    await page.getByTestId('current-item').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing wider than the screen: no horizontal scrolling at 375 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE.width);
    await page.setViewportSize(DESKTOP);
  }, 60_000);

  it('switches to ru, zh and vi with nothing left untranslated, and remembers the choice for the user', async () => {
    for (const lang of ['en', 'ru', 'zh', 'vi']) {
      await page.setViewportSize(DESKTOP);
      await page.getByTestId('language-switcher').selectOption(lang);
      await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
      await page.getByTestId('rank-card').waitFor();
      await page.getByTestId('on-time-card').getByText(/\d/).first().waitFor();
      expect(await untranslated(page, lang)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `today-desktop-${lang}`);
      await page.setViewportSize(MOBILE);
      await page.waitForTimeout(200);
      expect(await untranslated(page, lang)).toEqual([]);
      await shot(page, `today-mobile-${lang}`);
      await page.getByTestId('rank-card').scrollIntoViewIfNeeded();
      await shot(page, `today-mobile-rank-${lang}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      // The lead drawer in this language.
      await page.getByTestId('current-item').getByTestId('open-lead').click();
      await page.getByTestId('lead-details').waitFor();
      await page.waitForTimeout(400); // the drawer's slide-in
      expect(await untranslated(page, lang)).toEqual([]);
      if (lang !== 'en') await shot(page, `today-lead-mobile-${lang}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('lead-details').waitFor({ state: 'detached' });
    }
    // vi is remembered for this user: a new sign-in in a fresh tab comes back in Vietnamese.
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('account-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/signin');
    await page.getByRole('heading', { name: 'Đăng nhập SquadOps' }).waitFor();
    expect(await untranslated(page, 'vi')).toEqual([]);
    await shot(page, 'signin-desktop-vi');
    await signIn(page, REP);
    await page.waitForURL('**/today');
    await page.getByRole('heading', { name: 'Hôm nay', level: 1 }).waitFor();
    await page.getByTestId('language-switcher').selectOption('en');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  }, 240_000);
});

describe('sessions, roles and failures', () => {
  it('returns to sign-in with a message when the token is refused', async () => {
    const page = await env.newPage(MOBILE);
    await signIn(page, REP);
    await page.waitForURL('**/today');
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('squadops.session')!);
      sessionStorage.setItem('squadops.session', JSON.stringify({ ...s, token: 'revoked.token.value' }));
    });
    await page.reload();
    await page.getByTestId('session-expired').waitFor();
    expect(page.url()).toMatch(/\/signin$/);
    await shot(page, 'signin-expired-mobile-en');
    await page.close();
  }, 60_000);

  it('shows the sales lead their home, and a page for a screen of another role and for an unknown address', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, LEAD);
    await page.waitForURL('**/board');
    await page.getByRole('heading', { name: 'Boards' }).waitFor();
    await page.goto(`${env.baseUrl}/today`);
    await page.getByRole('heading', { name: 'Not for your role' }).waitFor();
    await page.goto(`${env.baseUrl}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a banner when the API cannot be reached and recovers on its own', async () => {
    const page = await env.newPage(DESKTOP);
    await signIn(page, REP);
    await page.waitForURL('**/today');
    await page.getByTestId('current-item').waitFor();
    const before = env.consoleErrors.length;
    try {
      await page.route('**/graphql', (route) => route.abort('connectionrefused'));
      await page.route('**/health', (route) => route.abort('connectionrefused'));
      await page.reload();
      await page.getByTestId('connection-banner').waitFor();
      await page.getByText('The server cannot be reached. Check your connection.').waitFor();
      await shot(page, 'today-offline-desktop-en');
      await page.unroute('**/graphql');
      await page.unroute('**/health');
      await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 15_000 });
      await page.getByTestId('current-item').waitFor();
    } finally {
      // The browser logs each refused request as a console error: not the app's.
      env.consoleErrors.splice(before);
      await page.close();
    }
  }, 60_000);

  it('logged no uncaught exception or console error in any journey', () => {
    expect(env.consoleErrors).toEqual([]);
  });
});
