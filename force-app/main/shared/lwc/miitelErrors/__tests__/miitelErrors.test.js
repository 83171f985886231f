import { reduceErrors } from 'c/miitelErrors';
import SHAPES from './data/errorShapes.json';

describe('c/miitelErrors reduceErrors', () => {
  it.each(SHAPES.map((shape) => [shape.name, shape]))('reads %s', (_name, shape) => {
    expect(reduceErrors(shape.error)).toEqual(shape.messages);
  });

  it('reads an array of mixed errors and drops duplicates and blanks', () => {
    const errors = [SHAPES[0].error, SHAPES[0].error, '  ', SHAPES[4].error];
    expect(reduceErrors(errors)).toEqual([SHAPES[0].messages[0], SHAPES[4].messages[0]]);
  });

  it('returns no messages for null, undefined and an empty array', () => {
    expect(reduceErrors(null)).toEqual([]);
    expect(reduceErrors(undefined)).toEqual([]);
    expect(reduceErrors([])).toEqual([]);
  });
});
