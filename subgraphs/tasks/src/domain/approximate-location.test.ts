import { describe, expect, it } from 'vitest';
import { localityOf, locationFor, snapToGrid } from './approximate-location.js';

/** Great-circle distance in km (haversine), to check the grid's size. */
function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

describe('snapToGrid', () => {
  it('moves a point less than a cell diagonal (about 0.71 km) and never leaves it where it was', () => {
    for (const point of [
      { lat: 51.52378, lng: -0.15855 },
      { lat: -33.85678, lng: 151.21529 },
      { lat: 64.1466, lng: -21.9426 },
      { lat: 0.0001, lng: 0.0001 },
    ]) {
      const snapped = snapToGrid(point);
      expect(distanceKm(point, snapped)).toBeLessThan(0.72);
      expect(snapped).not.toEqual(point);
    }
  });

  it('answers the same for every point of one cell, so repeated reads cannot be averaged back to the point', () => {
    const a = snapToGrid({ lat: 51.52378, lng: -0.15855 });
    const b = snapToGrid({ lat: 51.52379, lng: -0.15856 });
    expect(b).toEqual(a);
    expect(snapToGrid({ lat: 51.52378, lng: -0.15855 })).toEqual(a);
  });

  it('puts points 2 km apart in different cells', () => {
    const a = snapToGrid({ lat: 48.8566, lng: 2.3522 });
    const b = snapToGrid({ lat: 48.8746, lng: 2.3522 });
    expect(distanceKm(a, b)).toBeGreaterThan(1);
  });

  it('stays within the valid range at the poles and the antimeridian', () => {
    for (const point of [
      { lat: 90, lng: 180 },
      { lat: -90, lng: -180 },
      { lat: 89.9999, lng: 179.9999 },
    ]) {
      const snapped = snapToGrid(point);
      expect(Math.abs(snapped.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(snapped.lng)).toBeLessThanOrEqual(180);
    }
  });
});

describe('localityOf', () => {
  it.each([
    ['12 Baker Street, London NW1 6XE, UK', 'London, UK'],
    ['Flat 2, 12 Baker Street, London', 'London'],
    ['5 Rue de Rivoli, 75001 Paris, France', 'Paris, France'],
    ['Hauptstraße 5, 10827 Berlin', 'Berlin'],
    ['221B Baker Street', null],
    ['', null],
  ])('turns %j into %j', (address, locality) => {
    expect(localityOf(address)).toBe(locality);
  });

  it('is null without an address', () => {
    expect(localityOf(null)).toBeNull();
  });
});

describe('locationFor', () => {
  const task = { lat: 51.52378, lng: -0.15855, address: '12 Baker Street, London NW1 6XE, UK', posterId: 'poster', assigneeId: 'tasker' };

  it('shows the poster and the assignee the exact point and street address', () => {
    for (const viewer of ['poster', 'tasker']) {
      expect(locationFor(task, viewer)).toEqual({ lat: 51.52378, lng: -0.15855, address: task.address, locality: 'London, UK', approximate: false });
    }
  });

  it('shows anyone else, anonymous callers too, the grid cell and the locality only', () => {
    const approximate = { ...snapToGrid(task), address: null, locality: 'London, UK', approximate: true };
    expect(locationFor(task, 'someone')).toEqual(approximate);
    expect(locationFor(task, null)).toEqual(approximate);
    expect(locationFor({ ...task, assigneeId: null }, 'tasker')).toEqual(approximate);
  });

  it('is null for a remote task', () => {
    expect(locationFor({ ...task, lat: null, lng: null, address: null }, 'poster')).toBeNull();
  });
});
