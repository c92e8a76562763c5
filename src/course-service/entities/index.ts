import { COURSE_SERVICE_ENTITY_LIST } from './enrollment.entity.js';
import { CourseServiceSettings } from './settings.entity.js';
import { AttendanceEvent } from './attendance.entity.js';
import { INTERVENTION_ENTITY_LIST } from './intervention.entity.js';

export * from './enrollment.entity.js';
export * from './intervention.entity.js';
export { AttendanceEvent, CourseServiceSettings };
export const COURSE_SERVICE_ENTITIES = [...COURSE_SERVICE_ENTITY_LIST, CourseServiceSettings, AttendanceEvent, ...INTERVENTION_ENTITY_LIST];
