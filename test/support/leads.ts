import type { INestApplicationContext } from '@nestjs/common';
import { RequestContext } from '../../src/common/request-context.js';
import { Db, TransactionRunner } from '../../src/database/transaction.js';
import { Lead, LeadSource, LeadStage } from '../../src/leads/entities/lead.entity.js';
import { LeadEvents } from '../../src/leads/lead-events.js';

/**
 * Creates a lead owned by `ownerId` in `squadId` and fires the assignment event, the way intake
 * routing does, so rollups count the assignment.
 */
export async function createLead(
  app: INestApplicationContext,
  organizationId: string,
  opts: {
    name: string;
    ownerId?: string | null;
    squadId?: string | null;
    at?: Date;
    source?: LeadSource;
    cohortRef?: string | null;
    campaign?: string | null;
    referredByLeadId?: string | null;
    email?: string;
  },
): Promise<string> {
  const tx = app.get(TransactionRunner);
  const events = app.get(LeadEvents);
  const ctx = RequestContext.system(organizationId);
  const at = opts.at ?? new Date();
  return tx.run(async () => {
    const m = app.get(Db).manager; // the transaction's
    const lead = await m.save(
      m.create(Lead, {
        organizationId,
        name: opts.name,
        email: opts.email ?? `${opts.name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.com`,
        phone: null,
        source: opts.source ?? LeadSource.AD,
        cohortRef: opts.cohortRef ?? null,
        campaign: opts.campaign ?? null,
        referredByLeadId: opts.referredByLeadId ?? null,
        ownerId: opts.ownerId ?? null,
        squadId: opts.squadId ?? null,
        assignedAt: opts.ownerId ? at : null,
        stage: LeadStage.INTRO,
        stageChangedAt: at,
        createdAt: at,
      }),
    );
    if (opts.ownerId || opts.squadId) {
      await events.fireAssigned(ctx, {
        organizationId,
        leadId: lead.id,
        fromOwnerId: null,
        toOwnerId: opts.ownerId ?? null,
        squadId: opts.squadId ?? null,
        fromSquadId: null,
        at,
      });
    }
    return lead.id;
  });
}

/** Moves a lead to another owner and fires the assignment event. */
export async function reassignLead(
  app: INestApplicationContext,
  organizationId: string,
  leadId: string,
  toOwnerId: string | null,
  toSquadId: string | null,
  at = new Date(),
): Promise<void> {
  const tx = app.get(TransactionRunner);
  const events = app.get(LeadEvents);
  await tx.run(async () => {
    const m = app.get(Db).manager; // the transaction's
    const lead = await m.findOneOrFail(Lead, { where: { id: leadId } });
    await m.update(Lead, { id: leadId }, { ownerId: toOwnerId, squadId: toSquadId, assignedAt: at });
    await events.fireAssigned(RequestContext.system(organizationId), {
      organizationId,
      leadId,
      fromOwnerId: lead.ownerId,
      toOwnerId,
      squadId: toSquadId,
      fromSquadId: lead.squadId,
      at,
    });
  });
}
