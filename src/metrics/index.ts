// The metrics context's public surface: other contexts import it from here only (docs/development.md).
export * from './metric-catalog.js';
export * from './metrics.module.js';
export * from './metrics.service.js';
export * from './models/metrics.models.js';
export * from './pre-sales.metrics.js';
export * from './report-period.js';
export * from './rollup-source.js';
export * from './rollup.service.js';
export * from './metrics.sql.js';
export * from './metrics.repository.js';
