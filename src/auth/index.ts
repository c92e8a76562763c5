// The auth context's public surface: other contexts import it from here only (docs/development.md).
export * from './client-address.js';
export * from './entities/login-throttle.entity.js';
export * from './session-watch.js';
export * from './auth.service.js';
export * from './auth.repository.js';
export * from './auth.module.js';
