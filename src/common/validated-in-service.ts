/**
 * Marks a GraphQL input (or args) class whose every field its service checks, with field paths,
 * before anything is written. The global validation pipe then passes the value on as GraphQL
 * delivered it (already typed by the schema) instead of converting it to class instances and
 * running class-validator on each nested object.
 *
 * For hot batch inputs only: a batch of 1,000 intake submissions is ~9,000 nested objects,
 * and checking them twice cost more than scoring and storing them. The service's checks are
 * the single source of truth for these inputs and are tested like any other validation.
 */
const VALIDATED_IN_SERVICE = Symbol.for('squadops.validatedInService');

export function ValidatedInService(): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, VALIDATED_IN_SERVICE, { value: true });
  };
}

export function isValidatedInService(type: unknown): boolean {
  return typeof type === 'function' && (type as unknown as Record<symbol, unknown>)[VALIDATED_IN_SERVICE] === true;
}
