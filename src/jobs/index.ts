// The jobs context's public surface: other contexts import it from here only (docs/development.md).
export * from './job-scheduler.js';
export * from './jobs.module.js';
