import { describe, expect, it } from '@jest/globals';
import { LeadStage } from './entities/lead.entity.js';
import { canTransition, STAGE_TRANSITIONS } from './lead-stage.js';

describe('lead stage transitions', () => {
  it('allows the forward lifecycle', () => {
    expect(canTransition(LeadStage.PROSPECT, LeadStage.INTRO)).toBe(true);
    expect(canTransition(LeadStage.INTRO, LeadStage.CONVERTED)).toBe(true);
    expect(canTransition(LeadStage.CONVERTED, LeadStage.LEARNING)).toBe(true);
    expect(canTransition(LeadStage.LEARNING, LeadStage.COMPLETED)).toBe(true);
  });
  it('allows LOST and REFUNDED at sensible points and coming back', () => {
    expect(canTransition(LeadStage.INTRO, LeadStage.LOST)).toBe(true);
    expect(canTransition(LeadStage.CONVERTED, LeadStage.REFUNDED)).toBe(true);
    expect(canTransition(LeadStage.LOST, LeadStage.INTRO)).toBe(true);
    expect(canTransition(LeadStage.REFUNDED, LeadStage.CONVERTED)).toBe(true);
  });
  it('rejects nonsense', () => {
    expect(canTransition(LeadStage.PROSPECT, LeadStage.COMPLETED)).toBe(false);
    expect(canTransition(LeadStage.PROSPECT, LeadStage.REFUNDED)).toBe(false);
    expect(canTransition(LeadStage.COMPLETED, LeadStage.PROSPECT)).toBe(false);
    expect(canTransition(LeadStage.REFUNDED, LeadStage.LEARNING)).toBe(false);
  });
  it('continues after completion: REPURCHASED and REFERRING (docs/lifecycle.md)', () => {
    expect(STAGE_TRANSITIONS[LeadStage.COMPLETED]).toEqual([LeadStage.REFUNDED, LeadStage.REPURCHASED, LeadStage.REFERRING]);
    expect(canTransition(LeadStage.LEARNING, LeadStage.REPURCHASED)).toBe(true);
    expect(canTransition(LeadStage.REPURCHASED, LeadStage.REFERRING)).toBe(true);
    expect(canTransition(LeadStage.REFERRING, LeadStage.REPURCHASED)).toBe(true);
    expect(canTransition(LeadStage.REPURCHASED, LeadStage.COMPLETED)).toBe(true);
    // A repurchase stays REPURCHASED while the new course runs; a referral never reopens a sale.
    expect(canTransition(LeadStage.REPURCHASED, LeadStage.LEARNING)).toBe(false);
    expect(canTransition(LeadStage.LEARNING, LeadStage.REFERRING)).toBe(false);
    expect(canTransition(LeadStage.INTRO, LeadStage.REPURCHASED)).toBe(false);
    expect(canTransition(LeadStage.REFERRING, LeadStage.CONVERTED)).toBe(false);
  });
  it('treats staying as a no-op and covers every stage', () => {
    for (const s of Object.values(LeadStage)) {
      expect(canTransition(s, s)).toBe(true);
      expect(STAGE_TRANSITIONS[s]).toBeDefined();
    }
  });
});
