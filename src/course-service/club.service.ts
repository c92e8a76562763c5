import { Injectable } from '@nestjs/common';
import { CLUB_EXPIRING_DAYS, clubStatus, localDay, type ClubStatus } from '@lib/curator';
import { badInput, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import { AccessService, OrganizationRepository } from '../organization/index.js';
import { Role, TeamKind } from '../organization/index.js';
import { CLUB_RENEWAL_GRACE_DAYS } from './course-service.metrics.js';
import { CourseServiceRepository } from './course-service.repository.js';

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
    private readonly repo: CourseServiceRepository,
    private readonly orgs: OrganizationRepository,
  ) {}

  async clubMembers(ctx: RequestContext, args: { status?: ClubStatus | null; squadId?: string | null; first?: number }, now = new Date()) {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD, Role.MEMBER);
    const scope = await this.access.scope(ctx);
    return this.readDb.run(async () => {
      if (args.squadId) {
        const squad = await this.orgs.findSquad(ctx.organizationId, args.squadId);
        if (!squad) throw notFound('Squad', args.squadId);
        if ((await this.orgs.legionKind(squad.legionId)) !== TeamKind.COURSE_SERVICE)
          throw badInput([{ field: 'squadId', message: 'is not a course-service squad' }]);
        if (!scope.all && !(scope.role !== Role.MEMBER && scope.manageSquadIds.includes(squad.id)))
          throw forbidden('Only the squad’s lead and managers see its club members.');
      }
      const org = await this.orgs.getOrganization(ctx.organizationId);
      const reach = scope.all ? null : { self: scope.userId, squadIds: scope.role === Role.MEMBER ? [] : scope.manageSquadIds };
      const rows = await this.repo.latestClubMemberships(ctx.organizationId, reach, args.squadId ?? null);
      const members: ClubMember[] = rows.map((r) => ({
        leadId: r.leadId,
        leadName: r.leadName,
        membershipId: r.id,
        status: clubStatus(r.expiresAt, now),
        startsAt: r.startsAt,
        expiresAt: r.expiresAt,
        renewalDueDate: localDay(r.expiresAt, org.timeZone),
        renewableUntil: localDay(new Date(r.expiresAt.getTime() + CLUB_RENEWAL_GRACE_DAYS * 86_400_000), org.timeZone),
        memberships: r.memberships,
        curatorId: r.curatorId,
        curatorSquadId: r.curatorSquadId,
      }));
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
