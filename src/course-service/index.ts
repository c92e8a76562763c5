// The course-service context's public surface: other contexts import it from here only (docs/development.md).
export * from './course-service.module.js';
export * from './course-service.service.js';
export * from './entities/attendance.entity.js';
export * from './entities/enrollment.entity.js';
export * from './entities/intervention.entity.js';
export * from './interventions.service.js';
export * from './course-service.sql.js';
