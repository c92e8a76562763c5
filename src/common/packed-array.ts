/**
 * Arrays for answers that are serialized as they are (columnar series and board columns).
 *
 * V8 keeps an array "holey" when it is created with `new Array(n)`, even once every slot is
 * filled, and JSON.stringify takes a slower path over holey arrays (about 1.7× the time for a
 * board's columns). Filling by `push` keeps the array packed but grows its store step by step:
 * a 2,000-item column allocates about twice its final size on the way. A copy (`slice`) of a
 * packed array of zeros is packed and exactly `length` long, and filling it by index keeps it so.
 */
let template: number[] = [];

/** A new packed array of `length` zeros, to be filled by index (0 .. length - 1, every slot). */
export function packedArray(length: number): number[] {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`packedArray: bad length ${length}`);
  if (template.length !== length) {
    const t: number[] = [];
    for (let i = 0; i < length; i++) t.push(0);
    template = t;
  }
  return template.slice();
}
