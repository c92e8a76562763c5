// The experiments context's public surface: other contexts import it from here only (docs/development.md).
export * from './entities/experiment-enums.js';
export * from './entities/experiment.entity.js';
export * from './experiment-analysis.js';
export * from './experiments.sql.js';
