import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Public } from '../common/auth-decorators.js';
import { PUB_SUB, pubSubBrokerStatus, type PubSub } from '../common/pubsub.js';
import { ReadDb } from '../database/read-db.js';
import { HealthRepository } from './health.repository.js';

const TIMEOUT_MS = 2000;

/**
 * `GET /health`: 200 with `{ status: 'ok', database: 'up' }`, 503 when the database does not
 * answer. With REDIS_URL the body also carries `redis: 'up' | 'down'`, with DATABASE_READ_URL
 * `replica: 'up' | 'down'`; a lost Redis or replica leaves the API serving (live events between
 * replicas pause; heavy reads go to the primary), so it answers 200 with `status: 'degraded'`.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly repo: HealthRepository,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
    private readonly readDb: ReadDb,
  ) {}

  @Public()
  @Get()
  async health(@Res() res: { status(code: number): { json(body: unknown): void } }) {
    const started = Date.now();
    const [up, replica] = await Promise.all([this.ping(), this.readDb.status(TIMEOUT_MS)]);
    const redis = pubSubBrokerStatus(this.pubsub);
    const status = !up ? 'error' : redis === 'down' || replica === 'down' ? 'degraded' : 'ok';
    const body = { status, database: up ? 'up' : 'down', ...(replica ? { replica } : {}), ...(redis ? { redis } : {}), latencyMs: Date.now() - started };
    res.status(up ? 200 : 503).json(body);
  }

  private async ping(): Promise<boolean> {
    if (!this.repo.initialized) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
      });
      await Promise.race([this.repo.ping(), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
