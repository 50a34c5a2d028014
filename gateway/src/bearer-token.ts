/**
 * The token of an `Authorization: Bearer <token>` value, or null when the value has another
 * shape. HTTP requests and WebSocket `connectionParams.authorization` both go through here, so
 * both accept exactly the same spellings.
 */
export function bearerToken(header: string): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
