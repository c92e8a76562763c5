// The commerce context's public surface: other contexts import it from here only (docs/development.md).
export * from './commerce.module.js';
export * from './commerce.service.js';
export * from './entities/order.entity.js';
export * from './entities/product.entity.js';
export * from './entities/spend.entity.js';
export * from './order-events.js';
export * from './commerce.sql.js';
