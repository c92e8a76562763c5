import { RepCapacity, RoutingConfig } from './routing.entity.js';
import { IntakeSubmission, Survey, SurveyVersion } from './survey.entity.js';

export { IntakeSubmission, RepCapacity, RoutingConfig, Survey, SurveyVersion };
export { SurveyKind, SurveyVersionStatus } from './survey.entity.js';
export const INTAKE_ENTITIES = [Survey, SurveyVersion, IntakeSubmission, RoutingConfig, RepCapacity];
