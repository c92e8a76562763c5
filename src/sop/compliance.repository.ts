import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { orgSql } from '../organization/index.js';

/** One GROUPING SETS row of the compliance aggregate: per rep, per squad or the total. */
export interface ComplianceAggregateRow {
  group: 'MEMBER' | 'SQUAD' | 'TOTAL';
  repId: string | null;
  squadId: string | null;
  counted: number;
  done: number;
  doneOnTime: number;
  missed: number;
  overdue: number;
  skipped: number;
  cancelled: number;
  open: number;
}

/** Statements of the SOP compliance read model (over `agenda_item`). */
@Injectable()
export class ComplianceRepository {
  constructor(private readonly db: Db) {}

  /** Whether the squad is of the organization. */
  async squadExists(organizationId: string, squadId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ${orgSql.squad.as('q')} WHERE q.id = $1 AND q.organization_id = $2`, [squadId, organizationId]);
    return rows.length > 0;
  }

  /** A user of the organization with their current squad: undefined when no such user, squadId null when in none. */
  async memberSquad(organizationId: string, userId: string): Promise<{ squadId: string | null } | undefined> {
    const [row] = await this.db.query<{ squad_id: string | null }>(
      `SELECT ${orgSql.membership.squadNow('x.id')} AS squad_id FROM ${orgSql.user.as('x')} WHERE x.id = $1 AND x.organization_id = $2`,
      [userId, organizationId],
    );
    return row ? { squadId: row.squad_id } : undefined;
  }

  /**
   * Compliance counts of the items due in [from, to) (optionally of some reps / squads), per rep,
   * per squad and in total, in one statement (GROUPING SETS); `now` is "past the deadline".
   */
  async aggregate(q: {
    organizationId: string;
    from: Date;
    to: Date;
    now: Date;
    memberIds?: string[];
    squadIds?: string[];
  }): Promise<ComplianceAggregateRow[]> {
    const params: unknown[] = [q.organizationId, q.from, q.to, q.now];
    const filters: string[] = [];
    if (q.memberIds) {
      params.push(q.memberIds);
      filters.push(`AND i.rep_id = ANY($${params.length}::uuid[])`);
    }
    if (q.squadIds) {
      params.push(q.squadIds);
      filters.push(`AND i.squad_id = ANY($${params.length}::uuid[])`);
    }
    const rows = await this.db.query<Record<string, string | number | null>>(
      `WITH items AS (
         SELECT i.rep_id, i.squad_id, i.status, i.on_time,
                (i.status NOT IN ('SKIPPED', 'CANCELLED') AND (i.status IN ('DONE', 'MISSED') OR i.on_time_deadline <= $4)) AS counted,
                (i.status = 'MISSED' OR (i.status = 'PENDING' AND COALESCE(i.window_end < $4, false))) AS missed
           FROM agenda_item i
          WHERE i.organization_id = $1 AND i.due_at >= $2 AND i.due_at < $3 ${filters.join(' ')}
       )
       SELECT GROUPING(rep_id) AS g_rep, GROUPING(squad_id) AS g_squad, rep_id, squad_id,
              count(*) FILTER (WHERE counted) AS counted,
              count(*) FILTER (WHERE status = 'DONE') AS done,
              count(*) FILTER (WHERE status = 'DONE' AND on_time) AS done_on_time,
              count(*) FILTER (WHERE missed) AS missed,
              count(*) FILTER (WHERE counted AND status = 'PENDING' AND NOT missed) AS overdue,
              count(*) FILTER (WHERE status = 'SKIPPED') AS skipped,
              count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
              count(*) FILTER (WHERE status = 'PENDING' AND NOT counted AND NOT missed) AS open
         FROM items
        GROUP BY GROUPING SETS ((rep_id), (squad_id), ())`,
      params,
    );
    const n = (r: Record<string, string | number | null>, k: string) => Number(r[k] ?? 0);
    return rows.map((r) => {
      const gRep = Number(r.g_rep);
      const gSquad = Number(r.g_squad);
      return {
        group: gRep === 1 && gSquad === 1 ? 'TOTAL' : gRep === 0 ? 'MEMBER' : 'SQUAD',
        repId: (r.rep_id as string | null) ?? null,
        squadId: (r.squad_id as string | null) ?? null,
        counted: n(r, 'counted'),
        done: n(r, 'done'),
        doneOnTime: n(r, 'done_on_time'),
        missed: n(r, 'missed'),
        overdue: n(r, 'overdue'),
        skipped: n(r, 'skipped'),
        cancelled: n(r, 'cancelled'),
        open: n(r, 'open'),
      };
    });
  }

  /** The squads of these legions: (id, legionId). */
  async squadsOfLegions(organizationId: string, legionIds: string[]): Promise<{ id: string; legionId: string }[]> {
    const rows = await this.db.query<{ id: string; legion_id: string }>(
      `SELECT q.id, q.legion_id FROM ${orgSql.squad.as('q')} WHERE q.organization_id = $1 AND q.legion_id = ANY($2::uuid[])`,
      [organizationId, legionIds],
    );
    return rows.map((r) => ({ id: r.id, legionId: r.legion_id }));
  }
}
