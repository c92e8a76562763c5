// The leads context's public surface: other contexts import it from here only (docs/development.md).
export * from './attribution.js';
export * from './contacts.js';
export * from './dto/lead.inputs.js';
export * from './entities/lead.entity.js';
export * from './lead-events.module.js';
export * from './lead-events.js';
export * from './lead-stage.js';
export * from './leads.module.js';
export * from './leads.service.js';
export * from './models/lead.models.js';
export * from './leads.sql.js';
export * from './leads.repository.js';
