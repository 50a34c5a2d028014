import { describe, expect, it } from 'vitest';
import { parseTaskPatch } from './task-patch.js';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('parseTaskPatch', () => {
  it('changes only the fields that were sent', () => {
    expect(parseTaskPatch({ title: ' New title ' }, NOW)).toEqual({ title: 'New title' });
    expect(parseTaskPatch({ budget: { amount: 500, currency: 'gbp' } }, NOW)).toEqual({ budget: { amountMinor: 500, currency: 'GBP' } });
  });

  it('clears the location and the deadline when they are sent as null', () => {
    expect(parseTaskPatch({ location: null, dueAt: null }, NOW)).toEqual({ location: null, dueAt: null });
  });

  it('refuses to remove a required field', () => {
    expect(() => parseTaskPatch({ title: null }, NOW)).toThrow('title cannot be removed');
    expect(() => parseTaskPatch({ budget: null }, NOW)).toThrow('budget cannot be removed');
  });

  it('refuses an empty change', () => {
    expect(() => parseTaskPatch({}, NOW)).toThrowError(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('validates each sent field like a new task', () => {
    expect(() => parseTaskPatch({ title: 'no' }, NOW)).toThrow('title must be 3 to 120 characters long');
    expect(() => parseTaskPatch({ dueAt: new Date('2020-01-01T00:00:00Z') }, NOW)).toThrow('dueAt must be in the future');
    expect(() => parseTaskPatch({ budget: { amount: 1, currency: 'XYZ' } }, NOW)).toThrow('not supported');
    expect(() => parseTaskPatch({ location: { lat: -91, lng: 0 } }, NOW)).toThrow('location.lat');
  });
});
