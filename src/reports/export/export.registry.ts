import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { badInput, type FieldError } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import type { CsvValue } from './csv-format.js';

/** One column of an export: its header and how a row gives its cell. */
export interface ExportColumn<R> {
  header: string;
  value(row: R): CsvValue;
}

/** What an export produced: the columns (they may depend on the arguments) and the rows, written as they come. */
/** One column per field of the row, headed by the field's name in snake_case (`ltvToCac` → `ltv_to_cac`). */
export function fieldColumns<R>(fields: readonly (keyof R & string)[]): ExportColumn<R>[] {
  return fields.map((f) => ({ header: f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value: (r: R) => r[f] as CsvValue }));
}

export interface ExportResult<R> {
  columns: ExportColumn<R>[];
  rows: Iterable<R> | AsyncIterable<R>;
}

/**
 * A downloadable table. `parse` turns the query string into the arguments of the GraphQL read it
 * mirrors (throwing BAD_USER_INPUT); `run` calls the same service method as that read with the
 * caller's RequestContext, so access refusals are identical (FORBIDDEN / NOT_FOUND before any
 * byte is written). See docs/development.md, "CSV exports".
 */
export interface ExportDefinition<A = unknown, R = unknown> {
  name: string;
  description: string;
  /** Query parameters it reads (besides `sep`); any other parameter is refused. */
  params: readonly string[];
  parse(query: ExportQuery): A | Promise<A>;
  run(ctx: RequestContext, args: A): Promise<ExportResult<R>>;
}

/** The registry: contexts add their exports at init (`registry.register({...})`). */
@Injectable()
export class ExportRegistry {
  private readonly exports = new Map<string, ExportDefinition>();

  register<A, R>(def: ExportDefinition<A, R>): void {
    if (this.exports.has(def.name)) throw new Error(`Export ${def.name} is registered twice`);
    if (!/^[a-z][a-z0-9-]*$/.test(def.name)) throw new Error(`Export name ${def.name} must be kebab-case`);
    this.exports.set(def.name, def as unknown as ExportDefinition);
  }

  get(name: string): ExportDefinition | undefined {
    return this.exports.get(name);
  }

  list(): ExportDefinition[] {
    return [...this.exports.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** Reads query parameters: single values only; lists are comma-separated. */
export class ExportQuery {
  constructor(private readonly raw: Record<string, unknown>) {}

  /** Problems with the parameters themselves (repeated, or not known to the export). */
  problems(known: readonly string[]): FieldError[] {
    const out: FieldError[] = [];
    for (const [k, v] of Object.entries(this.raw)) {
      if (!known.includes(k)) out.push({ field: k, message: `is not a parameter of this export (known: ${known.join(', ')})` });
      else if (typeof v !== 'string') out.push({ field: k, message: 'must be given once' });
    }
    return out;
  }

  string(name: string): string | undefined {
    const v = this.raw[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  list(name: string): string[] | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : v.split(',').map((x) => x.trim());
  }

  /** A whole number, or a problem naming the parameter. */
  int(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^-?\d{1,9}$/.test(v)) throw badInput([{ field: name, message: 'must be a whole number' }]);
    return Number(v);
  }
}

/**
 * Validates a plain object with the class-validator rules of a GraphQL input class (the same
 * rules as the validation pipe); returns the instance or throws BAD_USER_INPUT with field paths.
 */
export async function validateAs<T extends object>(cls: new () => T, plain: Record<string, unknown>, prefix = 'input'): Promise<T> {
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return instance;
  const fields: FieldError[] = [];
  const walk = (list: ValidationError[], path: string) => {
    for (const e of list) {
      const p = `${path}.${e.property}`;
      for (const message of Object.values(e.constraints ?? {})) fields.push({ field: p, message });
      walk(e.children ?? [], p);
    }
  };
  walk(errors, prefix);
  throw badInput(fields);
}
