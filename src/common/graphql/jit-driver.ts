import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { JitExecutor } from './jit-executor.js';

/**
 * Nest's Apollo driver with query operations executed by graphql-jit (GRAPHQL_JIT, on by default).
 *
 * The executor is handed to Apollo Server through its gateway interface (`gateway.load()` returns
 * the executor), which replaces only the execute step of Apollo's request pipeline: parsing,
 * validation rules, didResolveOperation (complexity, introspection rules), error formatting,
 * didEncounterErrors, the 400 for variable coercion errors and willSendResponse (HTTP status)
 * stay Apollo's own. Nest still builds the schema (code first, sorted) and serves subscriptions
 * with it over graphql-ws; the gateway hands Apollo that same schema object.
 */
@Injectable()
export class JitApolloDriver extends ApolloDriver {
  /** The executor of the running server (tests read its counters). */
  jit: JitExecutor | null = null;

  override async start(options: ApolloDriverConfig): Promise<void> {
    if (!options.schema) throw new Error('JitApolloDriver: Nest did not build a schema');
    this.jit = new JitExecutor(options.schema);
    return super.start({ ...options, gateway: this.jit.gateway() } as ApolloDriverConfig);
  }
}
