import { mulberry32 } from '@lib/stats';
import { periodContaining } from '@lib/schedule';
import type { Db } from '../../database/transaction.js';
import type { CommerceService } from '../../commerce/index.js';
import { InstallmentCarrier } from '../../commerce/index.js';
import { RequestContext } from '../../common/request-context.js';
import type { DemoContributor, DemoOrg, DemoPerson } from '../demo.service.js';
import { Lead, LeadSource, LeadStage } from '../../leads/index.js';
import type { LeadEvents } from '../../leads/index.js';
import { PeriodKind } from '../../metrics/index.js';
import { Role, TeamKind } from '../../organization/index.js';
import type { CoachingService } from '../../rankings/index.js';
import type { DuelsService } from '../../rankings/index.js';
import { PopulationType, RankingScope } from '../../rankings/index.js';
import type { LeaderboardDefinitionsService, PeriodClosingService } from '../../rankings/index.js';

const DAY = 86400_000;
const WEEKS = 8;

interface Deps {
  definitions: LeaderboardDefinitionsService;
  closing: PeriodClosingService;
  duels: DuelsService;
  coaching: CoachingService;
  commerce: CommerceService;
  leadEvents: LeadEvents;
}

/**
 * Steady pre-sales activity for the leaderboards: a few leads per rep per week, converted through the
 * real order path (rollups, credit at payment time). One rep has a quiet last few weeks, so the
 * rep board shows a bottom streak.
 */
async function seedActivity(demo: DemoOrg, db: Db, deps: Deps, weekStarts: Date[]): Promise<void> {
  const m = db.manager; // the demo's one transaction
  const org = demo.organization.id;
  // Added whatever other demo data exists, so every weekly board is dense.
  const products: { id: string; list_price: string }[] = await m.query(
    `SELECT id, list_price FROM product WHERE organization_id = $1 AND kind IN ('REGULAR', 'ADVANCED') AND active ORDER BY list_price`,
    [org],
  );
  if (!products.length) throw new Error('rankings demo: no active REGULAR/ADVANCED product to sell (the commerce demo must run first)');
  const memberships: { user_id: string; squad_id: string; valid_from: Date; valid_to: Date | null }[] = await m.query(
    'SELECT user_id, squad_id, valid_from, valid_to FROM squad_membership WHERE organization_id = $1',
    [org],
  );
  const squadAt = (userId: string, at: Date) =>
    memberships.find((x) => x.user_id === userId && new Date(x.valid_from) <= at && (!x.valid_to || new Date(x.valid_to) > at))?.squad_id ?? null;
  const reps = [...demo.repsBySquad.values()].flat();
  // The quiet rep: the one with the least revenue already credited in the recent weeks (other
  // demo data may have some), so that after everyone else closes a lead a week they are alone at
  // the bottom and the board shows a bottom streak.
  const recentFrom = weekStarts[Math.max(0, weekStarts.length - 4)];
  const revenue: { member_id: string; best_week: string }[] = await m.query(
    `SELECT x.member_id, max(x.week_revenue) AS best_week FROM (
       SELECT o.credited_rep_id AS member_id, date_trunc('week', o.paid_at) AS week, sum(o.amount - o.refunded_amount) AS week_revenue
       FROM sales_order o WHERE o.organization_id = $1 AND o.paid_at >= $2 AND o.credited_rep_id IS NOT NULL GROUP BY 1, 2) x GROUP BY 1`,
    [org, recentFrom],
  );
  const best = new Map(revenue.map((r) => [r.member_id, Number(r.best_week)]));
  const quiet = [...demo.repsBySquad.values()].flat().sort((a, b) => (best.get(a.id) ?? 0) - (best.get(b.id) ?? 0) || a.id.localeCompare(b.id))[0];
  // Refunds other demo data already credited to reps in the recent weeks: a rep whose week nets
  // below zero would sit under the quiet rep and break its bottom streak, so that rep's first sale
  // of the week also covers them. Rollup days are local dates; noon UTC of a day falls inside it.
  const refunded: { member_id: string; day: string; amount: string }[] = await m.query(
    `SELECT entity_id AS member_id, day::text AS day, refunded_amount AS amount FROM rollup_daily
      WHERE organization_id = $1 AND entity_type = 'MEMBER' AND refunded_amount > 0 AND day >= $2::date`,
    [org, new Date(recentFrom.getTime() - DAY).toISOString().slice(0, 10)],
  );
  const weekOf = (t: number) => weekStarts.findIndex((start, i) => t >= start.getTime() && (i + 1 === weekStarts.length || t < weekStarts[i + 1].getTime()));
  const refundsByRepWeek = new Map<string, number>();
  for (const r of refunded) {
    const key = `${r.member_id}|${weekOf(new Date(`${r.day}T12:00:00Z`).getTime())}`;
    refundsByRepWeek.set(key, (refundsByRepWeek.get(key) ?? 0) + Number(r.amount));
  }
  const rnd = mulberry32(6271);
  const now = demo.now.getTime();
  let seq = 0;
  for (let w = 0; w < weekStarts.length; w++) {
    const weekStart = weekStarts[w].getTime();
    const recent = w >= weekStarts.length - 4; // the last three closed weeks and the current one
    for (const [i, rep] of reps.entries()) {
      const leads = 3;
      for (let l = 0; l < leads; l++) {
        const at = new Date(Math.min(weekStart + (0.2 + rnd() * 2) * DAY, now - 3 * 3600_000));
        const squadId = squadAt(rep.id, at);
        if (!squadId) continue;
        const lead = await m.save(
          m.create(Lead, {
            organizationId: org,
            name: `Demo prospect ${++seq}`,
            email: `prospect.${seq}@demo.school`,
            phone: null,
            source: LeadSource.AD,
            ownerId: rep.id,
            squadId,
            assignedAt: at,
            stage: LeadStage.INTRO,
            stageChangedAt: at,
            createdAt: at,
          }),
        );
        await deps.leadEvents.fireAssigned(demo.ctx, {
          organizationId: org,
          leadId: lead.id,
          fromOwnerId: null,
          toOwnerId: rep.id,
          squadId,
          fromSquadId: null,
          at,
        });
        // Everyone closes at least one lead a week, except the quiet rep lately.
        const converts = rep === quiet && recent ? false : l === 0 || rnd() < 0.2 + (i % 5) * 0.08;
        if (!converts) continue;
        const product = products[Math.floor(rnd() * products.length)];
        const paidAt = new Date(Math.min(at.getTime() + (0.5 + rnd()) * DAY, now - 60_000));
        await deps.commerce.recordOrder(demo.ctx, {
          externalId: `demo-rank-${seq}`,
          leadId: lead.id,
          productId: product.id,
          amount: Math.round(Number(product.list_price) * (rnd() < 0.3 ? 0.9 : 1)) + (recent && l === 0 ? (refundsByRepWeek.get(`${rep.id}|${w}`) ?? 0) : 0),
          paidAt,
          installmentCount: 1,
          installmentCarrier: InstallmentCarrier.PARTNER,
        });
      }
    }
  }
}

/**
 * Demo leaderboards for the pre-sales legion: weekly squad and rep boards with 8 closed weeks
 * (closed through PeriodClosingService, so the snapshots are real), a bottom streak on the rep board
 * and an open coaching plan for a watched rep, and a running PK duel with a short season behind it.
 * Works with whatever activity exists: with none, boards are simply flat.
 */
export function rankingsDemo(deps: Deps): DemoContributor {
  return {
    name: 'rankings',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const tz = demo.organization.timeZone;
      const current = periodContaining('ISO_WEEK', demo.now, tz);
      const weeks = Array.from({ length: WEEKS }, (_, i) => periodContaining('ISO_WEEK', new Date(current.start.getTime() - (WEEKS - i) * 7 * DAY + DAY), tz));
      await seedActivity(demo, db, deps, [...weeks.map((w) => w.start), current.start]);

      const ctx = demo.ctx;
      ctx.timeZone = tz;
      const common = {
        teamKind: TeamKind.PRE_SALES,
        populationType: PopulationType.LEGION,
        populationId: demo.preSalesLegion.id,
        periodKind: PeriodKind.ISO_WEEK,
      };
      const squads = await deps.definitions.createDefinition(ctx, {
        ...common,
        name: 'Pre-sales squads — weekly net revenue',
        scope: RankingScope.SQUAD,
        metricKey: 'net_revenue',
      });
      const reps = await deps.definitions.createDefinition(ctx, {
        ...common,
        name: 'Pre-sales reps — weekly net revenue',
        scope: RankingScope.MEMBER,
        metricKey: 'net_revenue',
        watchStreak: 2,
      });
      const rates = await deps.definitions.createDefinition(ctx, {
        ...common,
        name: 'Pre-sales reps — conversion rate (min 3 leads, shrunk)',
        scope: RankingScope.MEMBER,
        metricKey: 'conversion_rate',
        minDenominator: 3,
        shrinkageK: 10,
        windowPeriods: 2,
      });
      // Course-service boards: curators and squads on NPS, curators on course progress (the
      // completion-rate board fills as courses reach their end dates).
      const service = {
        teamKind: TeamKind.COURSE_SERVICE,
        populationType: PopulationType.LEGION,
        populationId: demo.courseServiceLegion.id,
        periodKind: PeriodKind.ISO_WEEK,
      };
      const serviceBoards = [
        await deps.definitions.createDefinition(ctx, { ...service, name: 'Curators — weekly NPS', scope: RankingScope.MEMBER, metricKey: 'nps' }),
        await deps.definitions.createDefinition(ctx, { ...service, name: 'Course-service squads — weekly NPS', scope: RankingScope.SQUAD, metricKey: 'nps' }),
        await deps.definitions.createDefinition(ctx, {
          ...service,
          name: 'Curators — course progress',
          scope: RankingScope.MEMBER,
          metricKey: 'average_progress',
        }),
        await deps.definitions.createDefinition(ctx, {
          ...service,
          name: 'Curators — completion rate',
          scope: RankingScope.MEMBER,
          metricKey: 'completion_rate',
        }),
      ];
      for (const def of [squads, reps, rates, ...serviceBoards]) {
        const board = await deps.definitions.loadDefinition(ctx, def.id, { lock: true });
        for (const week of weeks) await deps.closing.close(ctx, board, week);
      }

      // A coaching plan for the rep on the watch list (or the newest BOTTOM rep), opened by their lead.
      const [watched]: { entity_id: string; bottom_streak: number }[] = await m.query(
        `SELECT e.entity_id, e.bottom_streak FROM leaderboard_snapshot s JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id
         WHERE s.definition_id = $1 AND e.band = 'BOTTOM' ORDER BY s.period_start DESC, e.bottom_streak DESC, e.entity_id LIMIT 1`,
        [reps.id],
      );
      if (watched) {
        const squadId = (await m.query('SELECT squad_id FROM squad_membership WHERE user_id = $1 AND valid_to IS NULL', [watched.entity_id]))[0]?.squad_id;
        const lead: DemoPerson | undefined = demo.leads.find((l) => l.squadId === squadId);
        if (lead) {
          const leadCtx = new RequestContext(demo.organization.id, { kind: 'USER', userId: lead.id, role: Role.LEAD, name: lead.name, email: lead.email });
          leadCtx.timeZone = tz;
          await deps.coaching.open(leadCtx, {
            subjectUserId: watched.entity_id,
            definitionId: reps.id,
            goals: 'Back to at least two paid conversions a week: daily call review with the lead, use the updated objection script.',
            notes: 'Check lead quality of the last three weeks before drawing conclusions.',
            reviewDate: new Date(demo.now.getTime() + 14 * DAY).toISOString().slice(0, 10),
          });
        }
      }

      // PK duels: a running one this week, and a short season of finished ones.
      const [a, b, c] = demo.preSalesSquads;
      const season = current.label.slice(0, 4) + '-season';
      const past = [
        [a, b],
        [b, c],
        [c, a],
      ] as const;
      for (const [i, [x, y]] of past.entries()) {
        const week = weeks[WEEKS - 3 + i];
        await m.query(
          `INSERT INTO pk_duel (organization_id, entity_type, a_id, b_id, metric_key, period_kind, label, period_start, period_end, season, created_by_id)
           VALUES ($1, 'SQUAD', $2, $3, 'net_revenue', 'ISO_WEEK', $4, $5, $6, $7, $8)`,
          [demo.organization.id, x.id, y.id, week.label, week.startDate, week.endDate, season, demo.managers[0].id],
        );
      }
      await deps.duels.closeEnded(demo.now);
      if (a && b) {
        await deps.duels.create(
          ctx,
          {
            entityType: RankingScope.SQUAD,
            aId: a.id,
            bId: b.id,
            metricKey: 'net_revenue',
            period: { kind: PeriodKind.ISO_WEEK, start: current.startDate },
            season,
          },
          demo.now,
        );
      }
    },
  };
}
