import { LifecycleEntry1797400000100 } from './1797400000100-LifecycleEntry.js';
import { ExperimentPromotion1797400000201 } from './1797400000201-ExperimentPromotion.js';
import { CuratorInterventions1797400000200 } from './1797400000200-CuratorInterventions.js';
import { RollupPeriod1797400000401 } from './1797400000401-RollupPeriod.js';
import { Personas1797300000021 } from './1797300000021-Personas.js';
import { ObjectionLogLeadIndex1797300000002 } from './1797300000002-ObjectionLogLeadIndex.js';
import { LeadAttribution1797300000001 } from './1797300000001-LeadAttribution.js';
import { ReferralIndex1797300000013 } from './1797300000013-ReferralIndex.js';
import { AgendaSettle1797300000150 } from './1797300000150-AgendaSettle.js';
import { CourseQuality1797300000012 } from './1797300000012-CourseQuality.js';
import { DistributionModels1797300000011 } from './1797300000011-DistributionModels.js';
import { JobRuns1797214612981 } from './1797214612981-JobRuns.js';
import { UserTokenVersion1796100000002 } from './1796100000002-UserTokenVersion.js';
import { LoginThrottleKeys1796100000001 } from './1796100000001-LoginThrottleKeys.js';
import { DeferSubmissionLeadFk1795862978989 } from './1795862978989-DeferSubmissionLeadFk.js';
import { Sop1795466582569 } from './1795466582569-Sop.js';
import { Rankings1795466521582 } from './1795466521582-Rankings.js';
import { Intake1795466035789 } from './1795466035789-Intake.js';
import { CourseService1795465786511 } from './1795465786511-CourseService.js';
import { Experiments1795465536192 } from './1795465536192-Experiments.js';
import { Commerce1795464749243 } from './1795464749243-Commerce.js';
import { Leads1795464148785 } from './1795464148785-Leads.js';
import { Init1795463775669 } from './1795463775669-Init.js';
/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [
  Init1795463775669,
  Leads1795464148785,
  Commerce1795464749243,
  Experiments1795465536192,
  CourseService1795465786511,
  Intake1795466035789,
  Rankings1795466521582,
  Sop1795466582569,
  DeferSubmissionLeadFk1795862978989,
  LoginThrottleKeys1796100000001,
  UserTokenVersion1796100000002,
  JobRuns1797214612981,
  LeadAttribution1797300000001,
  ObjectionLogLeadIndex1797300000002,
  DistributionModels1797300000011,
  CourseQuality1797300000012,
  ReferralIndex1797300000013,
  Personas1797300000021,
  AgendaSettle1797300000150,
  LifecycleEntry1797400000100,
  CuratorInterventions1797400000200,
  ExperimentPromotion1797400000201,
  RollupPeriod1797400000401,
];
