import { describe, expect, it } from '@jest/globals';
import { IsString, MaxLength, getMetadataStorage, validateSync } from 'class-validator';
import { installValidationMetadataCache } from './validation-metadata-cache.js';

class Before {
  @IsString() @MaxLength(3) name!: string;
}

describe('installValidationMetadataCache', () => {
  it('memoizes the metadata lookup and still validates exactly as before', () => {
    installValidationMetadataCache();
    installValidationMetadataCache(); // idempotent
    const storage = getMetadataStorage();
    const a = storage.getTargetValidationMetadatas(Before, '', false, false);
    expect(storage.getTargetValidationMetadatas(Before, '', false, false)).toBe(a);
    expect(a.map((m) => m.propertyName)).toEqual(['name', 'name']);

    const ok = Object.assign(new Before(), { name: 'abc' });
    const bad = Object.assign(new Before(), { name: 'abcd' });
    expect(validateSync(ok)).toEqual([]);
    expect(validateSync(bad).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['maxLength']]);
  });

  it('forgets its memo when decorators add metadata later (classes loaded after the first validation)', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Before, '', false, false);
    class Later extends Before {
      @MaxLength(1) code!: string;
    }
    expect(storage.getTargetValidationMetadatas(Before, '', false, false)).not.toBe(first);
    const later = Object.assign(new Later(), { name: 'toolong', code: 'xy' });
    expect(
      validateSync(later)
        .map((e) => e.property)
        .sort(),
    ).toEqual(['code', 'name']);
  });
});
