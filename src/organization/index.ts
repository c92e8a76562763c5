// The organization context's public surface: other contexts import it from here only (docs/development.md).
export * from './access.service.js';
export * from './entities/index.js';
export * from './entities/legion.entity.js';
export * from './entities/organization.entity.js';
export * from './entities/squad.entity.js';
export * from './entities/team-kind.js';
export * from './entities/user.entity.js';
export * from './models/organization.models.js';
export * from './organization.loaders.js';
export * from './organization.module.js';
export * from './organization.repository.js';
export * from './people.repository.js';
export * from './people.service.js';
export * from './principal-cache.js';
export * from './organization.sql.js';
