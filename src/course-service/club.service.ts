import { Injectable } from '@nestjs/common';
import { CLUB_EXPIRING_DAYS, clubStatus, localDay, type ClubStatus } from '@lib/curator';
import { badInput, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import { AccessService } from '../organization/index.js';
import { Organization, Role, Squad, TeamKind } from '../organization/index.js';
import { CLUB_RENEWAL_GRACE_DAYS } from './course-service.metrics.js';

export interface ClubMember {
  leadId: string;
  leadName: string;
  membershipId: string;
  status: ClubStatus;
  startsAt: Date;
  expiresAt: Date;
  /** Local date of the expiry: the renewal is due by then. */
  renewalDueDate: string;
  /** A purchase until then still counts as a renewal (30-day grace). */
  renewableUntil: string;
  memberships: number;
  curatorId: string | null;
  curatorSquadId: string | null;
}

/**
 * Club members (students with a club membership, from paid SUBSCRIPTION orders after completion):
 * each student once, by their latest membership (the one that expires last; a renewal bought
 * early starts when the previous one ends, so it covers the student until its own expiry).
 */
@Injectable()
export class ClubService {
  constructor(
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
  ) {}

  async clubMembers(ctx: RequestContext, args: { status?: ClubStatus | null; squadId?: string | null; first?: number }, now = new Date()) {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD, Role.MEMBER);
    const scope = await this.access.scope(ctx);
    return this.readDb.run(async (m) => {
      if (args.squadId) {
        const squad = await m.findOne(Squad, { where: { id: args.squadId, organizationId: ctx.organizationId } });
        if (!squad) throw notFound('Squad', args.squadId);
        const [legion] = await m.query(`SELECT kind FROM legion WHERE id = $1`, [squad.legionId]);
        if (legion.kind !== TeamKind.COURSE_SERVICE) throw badInput([{ field: 'squadId', message: 'is not a course-service squad' }]);
        if (!scope.all && !(scope.role !== Role.MEMBER && scope.manageSquadIds.includes(squad.id)))
          throw forbidden('Only the squad’s lead and managers see its club members.');
      }
      const org = await m.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
      const params: unknown[] = [ctx.organizationId];
      const where: string[] = [];
      if (!scope.all) {
        params.push(scope.userId, scope.role === Role.MEMBER ? [] : scope.manageSquadIds);
        where.push(`(c.curator_id = $2 OR c.curator_squad_id = ANY($3::uuid[]))`);
      }
      if (args.squadId) {
        params.push(args.squadId);
        where.push(`c.curator_squad_id = $${params.length}`);
      }
      const rows: {
        id: string;
        lead_id: string;
        lead_name: string;
        starts_at: Date;
        expires_at: Date;
        curator_id: string | null;
        curator_squad_id: string | null;
        memberships: number;
      }[] = await m.query(
        `SELECT c.*, l.name AS lead_name FROM (
           SELECT DISTINCT ON (cm.lead_id) cm.id, cm.lead_id, cm.starts_at, cm.expires_at, cm.curator_id, cm.curator_squad_id,
                  count(*) OVER (PARTITION BY cm.lead_id)::int AS memberships
           FROM club_membership cm WHERE cm.organization_id = $1
           ORDER BY cm.lead_id, cm.expires_at DESC, cm.id DESC) c
         JOIN lead l ON l.id = c.lead_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        params,
      );
      const members: ClubMember[] = rows.map((r) => {
        const expiresAt = new Date(r.expires_at);
        return {
          leadId: r.lead_id,
          leadName: r.lead_name,
          membershipId: r.id,
          status: clubStatus(expiresAt, now),
          startsAt: new Date(r.starts_at),
          expiresAt,
          renewalDueDate: localDay(expiresAt, org.timeZone),
          renewableUntil: localDay(new Date(expiresAt.getTime() + CLUB_RENEWAL_GRACE_DAYS * 86_400_000), org.timeZone),
          memberships: Number(r.memberships),
          curatorId: r.curator_id,
          curatorSquadId: r.curator_squad_id,
        };
      });
      const count = (s: ClubStatus) => members.filter((x) => x.status === s).length;
      const order: Record<ClubStatus, number> = { EXPIRING: 0, LAPSED: 1, ACTIVE: 2 };
      const listed = members
        .filter((x) => !args.status || x.status === args.status)
        .sort(
          (a, b) =>
            order[a.status] - order[b.status] ||
            (a.status === 'LAPSED' ? b.expiresAt.getTime() - a.expiresAt.getTime() : a.expiresAt.getTime() - b.expiresAt.getTime()) ||
            a.leadId.localeCompare(b.leadId),
        )
        .slice(0, args.first ?? 200);
      return { active: count('ACTIVE'), expiring: count('EXPIRING'), lapsed: count('LAPSED'), expiringWindowDays: CLUB_EXPIRING_DAYS, members: listed };
    });
  }
}
