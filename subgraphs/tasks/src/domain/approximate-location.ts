/**
 * Location privacy: everyone but a task's poster and assignee sees where it is only roughly.
 *
 * The point is snapped to the centre of a fixed grid cell about 1 km on a side, never jittered:
 * a random offset differs on every read, and averaging many reads would give the point back. A
 * grid answers the same for every read of a point, and the same for every point in one cell.
 * Rows of the grid are 1/111.32 degree of latitude (1 km) high; each row's cells are as many
 * degrees of longitude wide as make 1 km at the row's centre (wider towards the poles).
 */

const KM_PER_DEGREE_LAT = 111.32;
/** The side of a grid cell. */
export const LOCATION_GRID_KM = 1;
/** The height of a grid row in degrees of latitude (db/task-queries.ts computes the same grid in SQL). */
export const LAT_STEP_DEG = LOCATION_GRID_KM / KM_PER_DEGREE_LAT;
// Near the poles a 1 km cell would span absurd longitudes; cap a cell's width at 10 degrees.
export const MAX_LNG_STEP_DEG = 10;
/**
 * How far a point may lie from its cell's centre, with room to spare: half a cell's diagonal is
 * ~0.71 km (a cell is never more than 1 km on a side; where the 10° cap applies, near the poles,
 * it is narrower).
 */
export const GRID_CENTRE_MAX_OFFSET_KM = 0.75;
/** Decimal places of a shown coordinate: finer ones would only pretend to more precision. */
const SHOWN_DECIMALS = 5;

const round = (deg: number) => Number(deg.toFixed(SHOWN_DECIMALS));
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export interface Point {
  lat: number;
  lng: number;
}

/** The centre of the grid cell the point lies in. */
export function snapToGrid(point: Point): Point {
  const row = Math.floor((point.lat + 90) / LAT_STEP_DEG);
  const lat = clamp(-90 + (row + 0.5) * LAT_STEP_DEG, -90, 90);
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const lngStep = Math.min(MAX_LNG_STEP_DEG, LAT_STEP_DEG / Math.max(cosLat, 1e-6));
  const column = Math.floor((point.lng + 180) / lngStep);
  const lng = clamp(-180 + (column + 0.5) * lngStep, -180, 180);
  return { lat: round(lat), lng: round(lng) };
}

// Address parts that name a street rather than a place (English, French, German, Spanish, Italian).
const STREET_WORDS =
  /\b(street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|boulevard|blvd|court|ct|place|pl|square|sq|terrace|close|crescent|row|alley|rue|chemin|strasse|straße|str|gasse|weg|platz|calle|avenida|via|viale|piazza|flat|apt|apartment|suite|unit|floor)\b/i;

/**
 * The locality-level part of a street address: the parts after the first (the first is the street
 * line), without parts that name a street or a flat and without words holding digits (house
 * numbers, postcodes), the last two of what is left. "12 Baker Street, London NW1 6XE, UK" →
 * "London, UK". Null when nothing safe is left: an address of one part is all street.
 */
export function localityOf(address: string | null): string | null {
  if (!address) return null;
  const parts = address
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const places = parts
    .slice(1)
    .filter((part) => !STREET_WORDS.test(part))
    .map((part) =>
      part
        .split(/\s+/)
        .filter((word) => !/\d/.test(word))
        .join(' '),
    )
    .filter((part) => part.length > 0);
  const locality = places.slice(-2).join(', ');
  return locality.length > 0 ? locality : null;
}

/** A task's location as the API shows it. */
export interface ShownLocation extends Point {
  address: string | null;
  locality: string | null;
  approximate: boolean;
}

/** The exact location for the task's poster and assignee, the grid cell and locality for everyone else. */
export function locationFor(
  task: { lat: number | null; lng: number | null; address: string | null; posterId: string; assigneeId: string | null },
  viewerId: string | null,
): ShownLocation | null {
  if (task.lat === null || task.lng === null) return null;
  const locality = localityOf(task.address);
  const participant = viewerId !== null && (viewerId === task.posterId || viewerId === task.assigneeId);
  if (participant) return { lat: task.lat, lng: task.lng, address: task.address, locality, approximate: false };
  return { ...snapToGrid({ lat: task.lat, lng: task.lng }), address: null, locality, approximate: true };
}
