import { getMetadataStorage } from 'class-validator';

/**
 * class-validator looks up a class's validation metadata on every object it validates, and the
 * lookup walks every class that has validation metadata (`prototype instanceof` each of them).
 * A batch of 1,000 intake submissions validates ~9,000 nested objects, so with this app's
 * ~150 input classes the lookup alone cost more than the validation.
 *
 * The metadata only changes while decorators run (module load), so the lookups are memoized
 * here, per target class and options, and the memo is dropped whenever metadata is added.
 * The results are the library's own arrays; it reads them and does not modify them.
 */
type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const PATCHED = Symbol.for('squadops.classValidatorMetadataCache');

export function installValidationMetadataCache(storage: Storage = getMetadataStorage()): void {
  const s = storage as Storage & { [PATCHED]?: true };
  if (s[PATCHED]) return;
  s[PATCHED] = true;

  let lookups = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  let groups = new WeakMap<object, Grouped>();
  const clear = () => {
    lookups = new WeakMap();
    groups = new WeakMap();
  };

  const lookup = s.getTargetValidationMetadatas.bind(s);
  s.getTargetValidationMetadatas = (target, schema, always, strictGroups, names) => {
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, names);
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${names?.join('\u0001') ?? ''}`;
    let perTarget = lookups.get(target);
    if (!perTarget) lookups.set(target, (perTarget = new Map()));
    let found = perTarget.get(key);
    if (!found) perTarget.set(key, (found = lookup(target, schema, always, strictGroups, names)));
    return found;
  };

  const group = s.groupByPropertyName.bind(s);
  s.groupByPropertyName = (metadatas) => {
    let found = groups.get(metadatas);
    if (!found) groups.set(metadatas, (found = group(metadatas)));
    return found;
  };

  for (const name of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = (s[name] as (arg: never) => void).bind(s);
    (s as unknown as Record<string, (arg: never) => void>)[name] = (arg: never) => {
      clear();
      add(arg);
    };
  }
}
