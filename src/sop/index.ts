// The sop context's public surface: other contexts import it from here only (docs/development.md).
export * from './agenda-settle.service.js';
export * from './cohort.service.js';
export * from './dto/sop.inputs.js';
export * from './entities/agenda-item.entity.js';
export * from './entities/cohort.entity.js';
export * from './entities/index.js';
export * from './entities/playbook.entity.js';
export * from './entities/sop-entry.entity.js';
export * from './models/sop.models.js';
export * from './playbook-content.js';
export * from './playbook.service.js';
export * from './script-promotion.js';
export * from './sop-entry.service.js';
export * from './sop.module.js';
export * from './sop.sql.js';
