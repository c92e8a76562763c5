import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { APP_GUARD } from '@nestjs/core';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrganizationModule } from '../organization/index.js';
import { AttemptThrottle } from './attempt-throttle.js';
import { AuthGuard } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SessionWatch } from './session-watch.js';

@Module({
  imports: [
    OrganizationModule,
    AuditModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A KeyObject, made once: given a string, jsonwebtoken first tries to read it as a PEM
        // public key on every verify (a thrown and caught OpenSSL error, ~1 ms per request).
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } };
      },
    }),
  ],
  providers: [AuthRepository, AuthService, AttemptThrottle, SessionWatch, AuthResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthRepository, AuthService, SessionWatch],
})
export class AuthModule {}
