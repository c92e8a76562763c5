import { Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter.js';

/** The request-rate limiter; its middleware is installed by createApp (src/bootstrap.ts). */
@Module({
  providers: [RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}
