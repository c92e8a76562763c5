import { Global, Module } from '@nestjs/common';
import { DemoService } from './demo.service.js';

@Global()
@Module({ providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
