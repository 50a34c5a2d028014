import { describe, expect, it } from 'vitest';
import { parseTaskDraft, type TaskDraftInput as PostTaskInput } from './task-draft.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const VALID: PostTaskInput = {
  title: '  Assemble a wardrobe  ',
  description: 'IKEA PAX, two doors.',
  category: 'HANDYMAN',
  budget: { amount: 8000, currency: 'eur' },
  location: { lat: 52.52, lng: 13.405, address: ' Alexanderplatz 1, Berlin ' },
  dueAt: new Date('2026-03-05T09:00:00Z'),
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

describe('parseTaskDraft', () => {
  it('trims text, normalises the currency and keeps the location', () => {
    expect(parseTaskDraft(VALID, NOW)).toEqual({
      title: 'Assemble a wardrobe',
      description: 'IKEA PAX, two doors.',
      category: 'HANDYMAN',
      budget: { amountMinor: 8000, currency: 'EUR' },
      location: { lat: 52.52, lng: 13.405, address: 'Alexanderplatz 1, Berlin' },
      dueAt: new Date('2026-03-05T09:00:00Z'),
    });
  });

  it('treats a missing location as remote work and a missing description as empty', () => {
    const draft = parseTaskDraft({ ...VALID, location: null, description: undefined, dueAt: null }, NOW);
    expect(draft.location).toBeNull();
    expect(draft.description).toBe('');
    expect(draft.dueAt).toBeNull();
  });

  it('accepts a title of exactly 3 and of exactly 120 characters', () => {
    expect(parseTaskDraft({ ...VALID, title: 'abc' }, NOW).title).toBe('abc');
    expect(parseTaskDraft({ ...VALID, title: 'x'.repeat(120) }, NOW).title).toHaveLength(120);
  });

  it('counts characters, not UTF-16 units, like the database does', () => {
    expect(parseTaskDraft({ ...VALID, title: '🧹'.repeat(120) }, NOW).title).toBe('🧹'.repeat(120));
    expect(() => parseTaskDraft({ ...VALID, title: '🧹'.repeat(121) }, NOW)).toThrow('(it has 121)');
  });

  it.each([
    ['a title under 3 characters', { title: ' ab ' }, 'title must be 3 to 120 characters long'],
    ['a title over 120 characters', { title: 'x'.repeat(121) }, 'title must be 3 to 120 characters long'],
    ['a description over 5000 characters', { description: 'y'.repeat(5001) }, 'description may be at most 5000'],
    ['an unknown category', { category: 'PLUMBING' }, 'category "PLUMBING" is not a category'],
    ['a zero budget', { budget: { amount: 0, currency: 'USD' } }, 'budget.amount must be greater than zero'],
    ['a negative budget', { budget: { amount: -5, currency: 'USD' } }, 'budget.amount must be greater than zero'],
    ['a fractional budget', { budget: { amount: 10.5, currency: 'USD' } }, 'whole number of minor units'],
    ['an unsupported currency', { budget: { amount: 100, currency: 'JPY' } }, 'budget.currency "JPY" is not supported'],
    ['a latitude beyond the pole', { location: { lat: 91, lng: 0 } }, 'location.lat must be between -90 and 90'],
    ['a longitude beyond the date line', { location: { lat: 0, lng: -180.5 } }, 'location.lng must be between -180 and 180'],
    ['an address over 300 characters', { location: { lat: 0, lng: 0, address: 'z'.repeat(301) } }, 'location.address may be at most 300'],
    ['a deadline in the past', { dueAt: new Date('2026-02-28T12:00:00Z') }, 'dueAt must be in the future'],
    ['a deadline of right now', { dueAt: NOW }, 'dueAt must be in the future'],
    ['a deadline years ahead', { dueAt: new Date('2030-01-01T00:00:00Z') }, 'at most two years ahead'],
  ])('refuses %s with BAD_USER_INPUT', (_name, change, message) => {
    const input = { ...VALID, ...change } as PostTaskInput;
    expect(codeOf(() => parseTaskDraft(input, NOW))).toBe('BAD_USER_INPUT');
    expect(() => parseTaskDraft(input, NOW)).toThrow(message);
  });
});
