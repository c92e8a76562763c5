import { Extensions } from '@nestjs/graphql';

/** The field extension `Serialized` sets. */
export const SERIALIZED_EXTENSION = 'alreadySerialized';

/**
 * Marks an output field whose values the app builds already in their serialized form: an `Int`
 * field always holds an integer or null, a `Float` a finite number or null, a `String` or `ID` a
 * string or null, an enum its value's name, never anything graphql-js would convert or refuse.
 * graphql-jit then reads the value as it is (`withSerializedLeaves`). Meant for the fields of
 * lines that answers repeat thousands of times (a board's `entries`), whose builder is the app's
 * own code; graphql-jit's e2e tests compare those answers with graphql-js's.
 */
export const Serialized = (): PropertyDecorator => Extensions({ [SERIALIZED_EXTENSION]: true });
