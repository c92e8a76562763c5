// The intake context's public surface: other contexts import it from here only (docs/development.md).
export * from './dto/intake.inputs.js';
export * from './entities/index.js';
export * from './entities/survey.entity.js';
export * from './intake.module.js';
export * from './intake.service.js';
export * from './routing.js';
export * from './intake.sql.js';
