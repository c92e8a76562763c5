import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsString, Max, MaxLength, Min, ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { DATE_PATTERN } from './formats.js';

/**
 * The documented bound of every kind of input field (docs/api.md, "Input bounds"). DTOs use the
 * decorators below; services that check their own input (ValidatedInService) use the check
 * functions. A value outside its bound is BAD_USER_INPUT with `extensions.fields` naming it,
 * before anything is written.
 */
export const BOUNDS = {
  /** Names of organizations, legions, squads, people, products, playbooks, cohorts, surveys, boards, keys. */
  name: 120,
  /** Titles (experiments, playbook steps). */
  title: 200,
  /** Reasons, short notes, objections, categories. */
  shortText: 500,
  /** Descriptions, comments, change notes, goals, hypotheses, summaries. */
  text: 4000,
  /** Coaching notes. */
  notes: 8000,
  /** Scripts and script variants. */
  script: 20_000,
  /** Any string argument that is not part of an input type (reason, note, season, ...). */
  argument: 2000,
  /** Money: whole minor units per amount, 0..10^11 (a billion major units). */
  money: 100_000_000_000,
  /** Calendar years of every DateTime and local date. */
  minYear: 2000,
  maxYear: 2100,
  /** Minutes of a playbook step's window: 1..10,080 (a window longer than a week is not a window). */
  windowMinutes: { min: 1, max: 7 * 24 * 60 },
  /** Camp day of a playbook step: -60 (warm-up) .. 365 around the cohort start. */
  dayOffset: { min: -60, max: 365 },
  /** Ids in one list argument (`leadIds`, `squadIds`). */
  idList: 5000,
  /** Survey points, weights, bands, caps and tier scores: at most 10^6 in absolute value. */
  surveyNumber: 1_000_000,
} as const;

/** Amounts at most 10^11 keep every sum the product computes exact: 90,071 orders of the maximum still sum below 2^53. */
export const MAX_MONEY = BOUNDS.money;

export const DATE_RANGE_MESSAGE = `must be between ${BOUNDS.minYear}-01-01 and ${BOUNDS.maxYear}-12-31`;

const MIN_INSTANT = Date.UTC(BOUNDS.minYear, 0, 1);
const MAX_INSTANT = Date.UTC(BOUNDS.maxYear + 1, 0, 1);

/** Why an instant is out of bounds, or null. */
export function instantProblem(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return 'must be a valid date and time';
  if (t < MIN_INSTANT || t >= MAX_INSTANT) return DATE_RANGE_MESSAGE;
  return null;
}

/** Why a local date 'YYYY-MM-DD' is not acceptable (malformed, a day that does not exist, out of range), or null. */
export function localDateProblem(v: unknown): string | null {
  if (typeof v !== 'string' || !DATE_PATTERN.test(v)) return 'must be a date YYYY-MM-DD';
  const d = DateTime.fromISO(v, { zone: 'UTC' });
  if (!d.isValid) return `${v} is not a calendar date`;
  if (d.year < BOUNDS.minYear || d.year > BOUNDS.maxYear) return DATE_RANGE_MESSAGE;
  return null;
}

/** Why a string is blank or too long, or null. */
export function textProblem(v: unknown, max: number, required: boolean): string | null {
  if (typeof v !== 'string') return 'must be a string';
  if (required && v.trim() === '') return 'must not be blank';
  if (v.length > max) return `must be at most ${max} characters`;
  return null;
}

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A local calendar date 'YYYY-MM-DD' that exists and lies in the allowed years. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (v: unknown) => localDateProblem(v) === null,
        defaultMessage: (args) => localDateProblem(args?.value) ?? 'must be a date YYYY-MM-DD',
      },
    },
    options,
  );
}

/** Not empty and not whitespace only. */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && v.trim() !== '',
        defaultMessage: buildMessage((each) => `${each}must not be blank`, options),
      },
    },
    options,
  );
}

/** A DateTime within the allowed years (the DateTime scalar checks this too; kept for instances built in code). */
export function InDateRange(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'inDateRange',
      validator: {
        validate: (v: unknown) => v instanceof Date && instantProblem(v) === null,
        defaultMessage: () => DATE_RANGE_MESSAGE,
      },
    },
    options,
  );
}

/** A required name or title: trimmed, not blank, at most `max` characters. */
export function IsName(max: number = BOUNDS.name): PropertyDecorator {
  return applyDecorators(trim, IsString(), NotBlank(), MaxLength(max)) as PropertyDecorator;
}

/** Required free text: not blank, at most `max` characters (kept as typed). */
export function IsRequiredText(max: number): PropertyDecorator {
  return applyDecorators(IsString(), NotBlank(), MaxLength(max)) as PropertyDecorator;
}

/** An amount of money in minor units, `min`..10^11. */
export function IsMoneyAmount(min = 0): PropertyDecorator {
  return applyDecorators(IsInt(), Min(min), Max(MAX_MONEY)) as PropertyDecorator;
}

/** A survey number (points, weight, band, cap, tier score): finite, |x| <= 10^6. */
export function IsSurveyNumber(): PropertyDecorator {
  return applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Min(-BOUNDS.surveyNumber), Max(BOUNDS.surveyNumber)) as PropertyDecorator;
}
