import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The health check's one statement, on the primary's pool (never a transaction or the replica). */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the data source is connected at all. */
  get initialized(): boolean {
    return this.dataSource.isInitialized;
  }

  /** `SELECT 1` on the primary. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
