import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoService } from '../src/demo/demo.service.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';

describe('sales reports on the demo data', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ demoPassword: 'demo-password-123' });
    const password = (await t.app.get(DemoService).seed()).password;
    token = await t.login('manager@demo.school', password);
  });
  afterAll(async () => t?.close());

  it('one answer to "too expensive" clearly converts better than the other', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    const d = expectData(
      await t.gql<{ objectionEffectiveness: { rows: { objectionKey: string; answerLabel: string | null; leads: number; converted: number; rate: number; rateLow: number; rateHigh: number; rank: number }[] } }>(
        `query($input: ObjectionEffectivenessInput!) { objectionEffectiveness(input: $input) { rows { objectionKey answerLabel leads converted rate rateLow rateHigh rank } } }`,
        { input: { period: { kind: 'CUSTOM', start, end: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) } } },
        token,
      ),
    ).objectionEffectiveness;
    expect(today >= start).toBe(true);
    const price = d.rows.filter((r) => r.objectionKey === 'price');
    const best = price.find((r) => r.rank === 1)!;
    const other = price.find((r) => r.answerLabel === 'value for the child')!;
    expect(best.answerLabel).toBe('installments');
    expect(best.rateLow).toBeGreaterThan(other.rateHigh);
  });
});
