import { useQuery } from '@sx/react';
import { NearbyTasksDocument } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { DEFAULT_PLACE } from '../config';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { TaskCard } from './task-card';

type Place = typeof DEFAULT_PLACE;
const PAGE_SIZE = 20;

/** Open tasks within a radius of a place (Berlin until another is entered), newest first. */
export function NearbyTasks() {
  const [place, setPlace] = useState<Place>(DEFAULT_PLACE);
  const { data, error, loading, refreshing, refresh } = useQuery(NearbyTasksDocument, { ...place, first: PAGE_SIZE });
  const tasks = data?.tasks.edges ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const near = { lat: Number(form.get('lat')), lng: Number(form.get('lng')), radiusKm: Number(form.get('radiusKm')) };
    // The same place again is a refresh: the query's variables did not change.
    if (JSON.stringify(near) === JSON.stringify(place)) void refresh();
    else setPlace(near);
  }

  return (
    <section aria-labelledby="nearby-heading">
      <h2 id="nearby-heading">Nearby open tasks</h2>
      <form aria-label="Search near" onSubmit={submit} className="inline">
        <PlaceFields place={place} />
        <Field label="Radius (km)">
          {(id) => <input id={id} name="radiusKm" type="number" min="0.1" max="500" step="any" defaultValue={place.radiusKm} required />}
        </Field>
        <button type="submit" disabled={refreshing}>
          Search
        </button>
      </form>
      <ErrorMessage message={error?.message ?? null} />
      {loading || tasks === null ? (
        <p>Loading…</p>
      ) : tasks.length === 0 ? (
        <p>No open tasks within {place.radiusKm} km.</p>
      ) : (
        <ul aria-label="Nearby open tasks" className="cards">
          {tasks.map(({ node }) => (
            <TaskCard key={node.id} task={node} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Latitude and longitude inputs, named lat and lng. */
export function PlaceFields({ place }: { place: { lat: number; lng: number } }) {
  return (
    <>
      <Field label="Latitude">{(id) => <input id={id} name="lat" type="number" min="-90" max="90" step="any" defaultValue={place.lat} required />}</Field>
      <Field label="Longitude">{(id) => <input id={id} name="lng" type="number" min="-180" max="180" step="any" defaultValue={place.lng} required />}</Field>
    </>
  );
}
