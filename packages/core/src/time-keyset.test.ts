import { describe, expect, it } from 'vitest';
import { encodeCursor } from './pagination.js';
import { parseTimePageArgs, timePosition } from './time-keyset.js';

const ID = '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3';

describe('parseTimePageArgs', () => {
  it('turns a cursor made by timePosition back into the same date and id', () => {
    const createdAt = new Date('2026-01-31T17:00:00.123Z');
    const after = encodeCursor(timePosition({ createdAt, id: ID }));
    expect(parseTimePageArgs({ first: 5, after })).toEqual({ limit: 5, after: { at: createdAt, id: ID } });
  });

  it('refuses a well-formed cursor whose date is not a date', () => {
    const after = encodeCursor({ key: 'yesterday', id: ID });
    expect(() => parseTimePageArgs({ after })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('refuses a well-formed cursor whose id is not a uuid', () => {
    const after = encodeCursor({ key: '2026-01-31T17:00:00.000Z', id: "1' OR 1=1" });
    expect(() => parseTimePageArgs({ after })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('keeps the page size limit of parsePageArgs', () => {
    expect(() => parseTimePageArgs({ first: 101 })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
