// The rankings context's public surface: other contexts import it from here only (docs/development.md).
export * from './coaching.service.js';
export * from './dto/rankings.inputs.js';
export * from './duels.service.js';
export * from './entities/ranking.entities.js';
export * from './models/rankings.models.js';
export * from './rankings.module.js';
export * from './leaderboard-definitions.service.js';
export * from './loaded-board.js';
export * from './period-closing.service.js';
export * from './standings.service.js';
export * from './rankings.sql.js';
