const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs in storage; anything else cannot name a row, so callers answer "not found". */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Drops ids that cannot exist before they reach SQL (a malformed uuid would be a 22P02 error). */
export function onlyUuids(ids: readonly string[]): string[] {
  return ids.filter(isUuid);
}
