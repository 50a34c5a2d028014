import { describe, expect, it } from 'vitest';
import { NO_FILTER, parseTaskFilter, type TaskFilterInput } from './task-filter.js';

describe('parseTaskFilter', () => {
  it('filters on nothing when no field is given', () => {
    expect(parseTaskFilter({})).toEqual(NO_FILTER);
  });

  it('turns the radius into metres and keeps the centre', () => {
    expect(parseTaskFilter({ near: { lat: 52.52, lng: 13.4, radiusKm: 10 } }).near).toEqual({ lat: 52.52, lng: 13.4, radiusM: 10_000 });
  });

  it('accepts the extremes of the allowed ranges', () => {
    const filter = parseTaskFilter({ near: { lat: -90, lng: 180, radiusKm: 500 }, budgetMin: 0, budgetMax: 0 });
    expect(filter.near?.radiusM).toBe(500_000);
    expect(filter.budgetMinMinor).toBe(0);
  });

  it('treats a blank search as no search and keeps the words otherwise', () => {
    expect(parseTaskFilter({ search: '   ' }).search).toBeNull();
    expect(parseTaskFilter({ search: ' garden shed ' }).search).toBe('garden shed');
  });

  it('normalises the currency code', () => {
    expect(parseTaskFilter({ currency: 'usd' }).currency).toBe('USD');
  });

  it.each([
    ['a zero radius', { near: { lat: 0, lng: 0, radiusKm: 0 } }, 'radiusKm must be more than 0'],
    ['a negative radius', { near: { lat: 0, lng: 0, radiusKm: -1 } }, 'radiusKm must be more than 0'],
    ['a radius over 500 km', { near: { lat: 0, lng: 0, radiusKm: 500.1 } }, 'at most 500'],
    ['a latitude out of range', { near: { lat: -90.01, lng: 0, radiusKm: 1 } }, 'filter.near.lat must be between -90 and 90'],
    ['a longitude out of range', { near: { lat: 0, lng: 181, radiusKm: 1 } }, 'filter.near.lng must be between -180 and 180'],
    ['budgetMin over budgetMax', { budgetMin: 500, budgetMax: 100 }, 'must not be greater than filter.budgetMax'],
    ['a negative budget bound', { budgetMin: -1 }, 'filter.budgetMin must be a whole number'],
    ['an unsupported currency', { currency: 'BTC' }, 'filter.currency "BTC" is not supported'],
    ['an unknown status', { status: 'LOST' }, 'filter.status "LOST" is not a status'],
    ['a search over 200 characters', { search: 'w'.repeat(201) }, 'at most 200 characters'],
  ])('refuses %s with BAD_USER_INPUT', (_name, input, message) => {
    // Cast: an unknown status cannot come through GraphQL's enum check, but the domain refuses it too.
    expect(() => parseTaskFilter(input as TaskFilterInput)).toThrowError(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringContaining(message) }));
  });
});
