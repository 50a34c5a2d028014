import { BadUserInput } from '@sx/core';

export const TITLE_MIN_CHARS = 3;
export const TITLE_MAX_CHARS = 120;
export const DESCRIPTION_MAX_CHARS = 5000;
export const ADDRESS_MAX_CHARS = 300;
/** A deadline further out than this is almost certainly a typo in the year. */
export const MAX_DUE_AHEAD_MS = 2 * 366 * 24 * 60 * 60 * 1000;

/** Where a task is done. */
export interface Location {
  lat: number;
  lng: number;
  address: string | null;
}

/** A location as a client sends it, not validated yet. */
export interface LocationInput {
  lat: number;
  lng: number;
  address?: string | null;
}

// Code points, as Postgres char_length counts them, so the database check agrees with us.
const charCount = (text: string) => [...text].length;

export function parseTitle(raw: string, field = 'title'): string {
  const title = raw.trim();
  const chars = charCount(title);
  if (chars < TITLE_MIN_CHARS || chars > TITLE_MAX_CHARS) {
    throw new BadUserInput('INVALID_INPUT', `${field} must be ${TITLE_MIN_CHARS} to ${TITLE_MAX_CHARS} characters long (it has ${chars}).`);
  }
  return title;
}

export function parseDescription(raw: string, field = 'description'): string {
  const description = raw.trim();
  const chars = charCount(description);
  if (chars > DESCRIPTION_MAX_CHARS) {
    throw new BadUserInput('INVALID_INPUT', `${field} may be at most ${DESCRIPTION_MAX_CHARS} characters long (it has ${chars}).`);
  }
  return description;
}

export function parseLatLng(lat: number, lng: number, field: string): { lat: number; lng: number } {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new BadUserInput('INVALID_INPUT', `${field}.lat must be between -90 and 90 degrees (got ${lat}).`);
  }
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) {
    throw new BadUserInput('INVALID_INPUT', `${field}.lng must be between -180 and 180 degrees (got ${lng}).`);
  }
  return { lat, lng };
}

export function parseLocation(raw: LocationInput, field = 'location'): Location {
  const { lat, lng } = parseLatLng(raw.lat, raw.lng, field);
  const address = raw.address?.trim() || null;
  if (address && charCount(address) > ADDRESS_MAX_CHARS) {
    throw new BadUserInput('INVALID_INPUT', `${field}.address may be at most ${ADDRESS_MAX_CHARS} characters long.`);
  }
  return { lat, lng, address };
}

export function parseDueAt(raw: Date, now: Date, field = 'dueAt'): Date {
  if (raw.getTime() <= now.getTime()) {
    throw new BadUserInput('INVALID_INPUT', `${field} must be in the future (it is ${raw.toISOString()}, now is ${now.toISOString()}).`);
  }
  if (raw.getTime() - now.getTime() > MAX_DUE_AHEAD_MS) {
    throw new BadUserInput('INVALID_INPUT', `${field} may be at most two years ahead; check the year.`);
  }
  return raw;
}
