// The personas context's public surface: other contexts import it from here only (docs/development.md).
export * from './persona.entity.js';
export * from './personas.module.js';
export * from './personas.service.js';
export * from './personas.sql.js';
