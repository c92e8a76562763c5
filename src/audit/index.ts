// The audit context's public surface: other contexts import it from here only (docs/development.md).
export * from './audit.module.js';
export * from './audit.service.js';
export * from './entities/audit-event.entity.js';
export * from './audit.repository.js';
