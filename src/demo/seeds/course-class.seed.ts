import { localDateOf } from '@lib/schedule';
import type { Db } from '../../database/transaction.js';
import type { DemoContributor, DemoOrg } from '../demo.service.js';
import { Survey, SurveyKind, SurveyVersion, SurveyVersionStatus } from '../../intake/index.js';
import { Lead } from '../../leads/index.js';
import { TeamKind } from '../../organization/index.js';
import type { CohortService } from '../../sop/index.js';
import { Cohort, CohortLead, CohortSquad } from '../../sop/index.js';
import { Playbook, PlaybookStep, PlaybookVersion, PlaybookVersionStatus } from '../../sop/index.js';
import { validateContent } from '../../sop/index.js';
import { normalizeContent } from '../../sop/index.js';
import { Enrollment, EnrollmentStatus } from '../../course-service/index.js';

const ONBOARDING_PLAYBOOK = {
  changeNote: 'First onboarding path',
  steps: [
    {
      key: 'welcome-call',
      dayOffset: 0,
      localTime: '19:00',
      windowMinutes: 180,
      channel: 'CALL',
      audience: 'LEADS',
      title: 'Welcome call',
      goal: 'The student knows how the course works and what to do this week',
      scripts: [
        { text: 'Hi {{lead.firstName}}, I am {{rep.firstName}}, your curator. First, watch the 5-minute video on how the course works, then do lesson 1.' },
        {
          persona: 'advanced',
          text: 'Hi {{lead.firstName}}, I am {{rep.firstName}}, your curator. You know the basics: skip the intro module and go straight to the practice track.',
        },
      ],
    },
    {
      key: 'week1-check',
      dayOffset: 3,
      localTime: '20:00',
      windowMinutes: 240,
      channel: 'PRIVATE_MESSAGE',
      audience: 'LEADS',
      title: 'First-week check-in',
      scripts: [
        { text: '{{lead.firstName}}, how did the first lessons go? Anything unclear in the format?' },
        { persona: 'advanced', text: '{{lead.firstName}}, how is the practice track going? Send me your first project and I will review it.' },
      ],
    },
    {
      key: 'class-post',
      dayOffset: 1,
      localTime: '12:00',
      windowMinutes: 120,
      channel: 'GROUP_POST',
      audience: 'GROUP',
      title: 'Class schedule post',
      scripts: [{ text: 'Welcome to {{cohort.name}}! Live Q&A every Thursday at 20:00.' }],
    },
  ],
  objections: [{ key: 'no-time', objection: 'I have no time this week', answers: [{ text: 'Fifteen minutes a day is enough: shall we pick your slot now?' }] }],
};

/**
 * Demo course-service class: an ONBOARDING survey, an onboarding playbook with persona paths, and
 * a class started today whose students are the demo's active enrollments, so a curator logging
 * in sees today's onboarding steps per persona.
 */
export function courseServiceClassDemo(cohorts: CohortService): DemoContributor {
  return {
    name: 'course-service class',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const org = demo.organization.id;
      const tz = demo.organization.timeZone;
      const survey = await m.save(
        m.create(Survey, { organizationId: org, name: 'Onboarding questionnaire', kind: SurveyKind.ONBOARDING, currentVersionId: null }),
      );
      const surveyVersion = await m.save(
        m.create(SurveyVersion, {
          organizationId: org,
          surveyId: survey.id,
          version: 1,
          status: SurveyVersionStatus.PUBLISHED,
          publishedAt: demo.now,
          publishedByUserId: demo.managers[1]?.id ?? null,
          definition: {
            questions: [
              {
                key: 'experience',
                type: 'SINGLE_CHOICE',
                label: 'Have you worked with data before?',
                required: true,
                weight: 1,
                options: [
                  { key: 'never', points: 0 },
                  { key: 'some', points: 5 },
                  { key: 'daily', points: 10 },
                ],
              },
              { key: 'format', type: 'YES_NO', label: 'Have you taken an online course before?', required: true, weight: 1, yesPoints: 5, noPoints: 0 },
            ],
            tiers: [{ tier: 'READY', minScore: 10 }],
            defaultTier: 'NEW',
            personas: [{ persona: 'advanced', when: [{ questionKey: 'experience', optionKeys: ['daily'] }] }],
            defaultPersona: 'novice',
          },
        }),
      );
      await m.update(Survey, { id: survey.id }, { currentVersionId: surveyVersion.id });

      const content = normalizeContent(ONBOARDING_PLAYBOOK as never);
      const issues = validateContent(content);
      if (issues.length) throw new Error(`Demo onboarding playbook is invalid: ${JSON.stringify(issues)}`);
      const playbook = await m.save(
        m.create(Playbook, {
          organizationId: org,
          legionId: demo.courseServiceLegion.id,
          name: 'Course onboarding',
          description: 'First week of a course: welcome call, class schedule, first-week check-in; novice and advanced paths.',
          kind: TeamKind.COURSE_SERVICE,
          productName: 'Data Analytics course',
          clonedFromPlaybookId: null,
          clonedFromVersionId: null,
          createdById: demo.managers[1]?.id ?? null,
        }),
      );
      const version = await m.save(
        m.create(PlaybookVersion, {
          organizationId: org,
          playbookId: playbook.id,
          number: 1,
          status: PlaybookVersionStatus.PUBLISHED,
          basedOnVersionId: null,
          changeNote: ONBOARDING_PLAYBOOK.changeNote,
          publishedAt: demo.now,
          publishedById: demo.managers[1]?.id ?? null,
          retiredAt: null,
        }),
      );
      await m.insert(
        PlaybookStep,
        content.steps.map((s, position) => ({ ...s, organizationId: org, versionId: version.id, position })),
      );
      const startDate = localDateOf(demo.now, tz);
      const cohort = await m.save(
        m.create(Cohort, {
          organizationId: org,
          name: `Course class ${startDate} (demo)`,
          startDate,
          timeZone: tz,
          playbookVersionId: version.id,
          productName: null,
          offerDeadline: null,
          createdById: demo.managers[1]?.id ?? null,
        }),
      );
      await m.insert(
        CohortSquad,
        demo.courseServiceSquads.map((s) => ({ cohortId: cohort.id, squadId: s.id })),
      );
      const students = await m.find(Enrollment, { where: { organizationId: org, status: EnrollmentStatus.ACTIVE }, order: { createdAt: 'DESC' }, take: 16 });
      if (!students.length) throw new Error('course-service class demo: no active enrollment to put into the class (the course-service demo must run first)');
      await m.update(
        Enrollment,
        students.map((e) => e.id),
        { classCohortId: cohort.id },
      );
      // Half of them answered the onboarding questionnaire already.
      for (const [i, e] of students.entries()) {
        if (i % 2) continue;
        const persona = i % 4 === 0 ? 'advanced' : 'novice';
        await m.update(Enrollment, { id: e.id }, { onboardingPersona: persona });
        await m.update(Lead, { id: e.leadId }, { persona });
      }
      await m.insert(
        CohortLead,
        students.map((e) => ({ cohortId: cohort.id, leadId: e.leadId })),
      );
      await cohorts.generate(org, cohort.id, { asOf: new Date(demo.now.getTime() - 86400_000) });
    },
  };
}
