import { describe, expect, it } from 'vitest';
import { assignTaskAs, gqlOk, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import { snapToGrid } from '../src/domain/approximate-location.js';

// Location privacy through the gateway: the poster and the assignee read the exact point and the
// street address; everyone else reads the ~1 km grid cell's centre and the locality.

interface SeenLocation {
  lat: number;
  lng: number;
  address: string | null;
  locality: string | null;
  approximate: boolean;
}

const LOCATION = 'location { lat lng address locality approximate }';
// A point near a corner of its grid cell, so the cell's centre is several hundred metres away.
const EXACT = { lat: 51.52378, lng: -0.15855, address: '221B Baker Street, Marylebone, London NW1 6XE' };
const as = (viewer: TestUser | null) => (viewer ? { token: viewer.accessToken } : {});

async function seenBy(viewer: TestUser | null, taskId: string): Promise<SeenLocation | null> {
  const data = await gqlOk<{ task: { location: SeenLocation | null } }>(`query($id: ID!) { task(id: $id) { ${LOCATION} } }`, { id: taskId }, as(viewer));
  return data.task.location;
}

async function nearbySeenBy(viewer: TestUser | null, near: { lat: number; lng: number; radiusKm: number }, posterId: string) {
  const data = await gqlOk<{ tasks: { edges: { node: { id: string; location: SeenLocation } }[] } }>(
    `query($filter: TaskFilter) { tasks(filter: $filter, first: 10) { edges { node { id ${LOCATION} } } } }`,
    { filter: { near, posterId } },
    as(viewer),
  );
  return data.tasks.edges.map((e) => e.node);
}

const exactView: SeenLocation = { lat: EXACT.lat, lng: EXACT.lng, address: EXACT.address, locality: 'Marylebone, London', approximate: false };
const approximateView: SeenLocation = { ...snapToGrid(EXACT), address: null, locality: 'Marylebone, London', approximate: true };

describe('location privacy', () => {
  it('shows the exact point and address to the poster, and a ~1 km cell and the locality to other users and anonymous callers', async () => {
    const [poster, other] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster, { location: EXACT });

    expect(await seenBy(poster, taskId)).toEqual(exactView);
    expect(await seenBy(other, taskId)).toEqual(approximateView);
    expect(await seenBy(null, taskId)).toEqual(approximateView);
    // The cell's centre is not the point, and stays within a cell diagonal of it.
    expect(approximateView.lat).not.toBe(EXACT.lat);
    expect(Math.abs(approximateView.lat - EXACT.lat)).toBeLessThan(0.0046);
    expect(Math.abs(approximateView.lng - EXACT.lng)).toBeLessThan(0.0075);
    // Reading again gives the very same answer: nothing to average away.
    expect(await seenBy(null, taskId)).toEqual(approximateView);
  });

  it('shows the exact location to the assignee once the task is assigned, and still not to other users', async () => {
    const [poster, tasker, other] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] }), signUpUser()]);
    const taskId = await postTaskAs(poster, { location: EXACT, budget: 5_000 });
    expect(await seenBy(tasker, taskId)).toEqual(approximateView);

    await assignTaskAs(poster, tasker, taskId, 5_000);
    expect(await seenBy(tasker, taskId)).toEqual(exactView);
    expect(await seenBy(poster, taskId)).toEqual(exactView);
    expect(await seenBy(other, taskId)).toEqual(approximateView);
    expect(await seenBy(null, taskId)).toEqual(approximateView);
  });

  it('matches `near` on the grid cell for others, so no probe tells two points of one cell apart; the poster matches on the exact point', async () => {
    const [poster, other] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const cell = snapToGrid(EXACT);
    // EXACT mirrored through the cell's centre (a little inside): the far corner of the same cell.
    const mirrored = { lat: cell.lat + (cell.lat - EXACT.lat) * 0.9, lng: cell.lng + (cell.lng - EXACT.lng) * 0.9 };
    expect(snapToGrid(mirrored)).toEqual(cell);
    const [nearCorner, farCorner] = [await postTaskAs(poster, { location: EXACT }), await postTaskAs(poster, { location: mirrored })];
    const both = [nearCorner, farCorner].sort();
    const point = { lat: EXACT.lat, lng: EXACT.lng };

    // Small circles around either point, the centre, and points between them, for a signed-in
    // stranger and an anonymous caller: each answers both tasks or neither.
    const probes = [point, mirrored, cell, { lat: (point.lat + cell.lat) / 2, lng: (point.lng + cell.lng) / 2 }].flatMap((at) =>
      [0.05, 0.2, 0.4].map((radiusKm) => ({ ...at, radiusKm })),
    );
    for (const viewer of [other, null]) {
      for (const probe of probes) {
        const found = (await nearbySeenBy(viewer, probe, poster.id)).map((t) => t.id).sort();
        expect([[], both], `probe ${JSON.stringify(probe)}`).toContainEqual(found);
      }
    }
    // 50 m around the exact point misses (the cell's centre is further); 50 m around the centre finds both.
    expect(await nearbySeenBy(null, { ...point, radiusKm: 0.05 }, poster.id)).toEqual([]);
    expect((await nearbySeenBy(other, { ...cell, radiusKm: 0.05 }, poster.id)).map((t) => t.location)).toEqual([
      { ...snapToGrid(mirrored), address: null, locality: null, approximate: true },
      approximateView,
    ]);
    // The poster knows both points: their own search matches each exactly.
    expect(await nearbySeenBy(poster, { ...point, radiusKm: 0.05 }, poster.id)).toEqual([{ id: nearCorner, location: exactView }]);
  });
});
