/** How many leading 16-bit groups of an IPv6 address name one client: a /64, what one host or site gets. */
const IPV6_CLIENT_GROUPS = 4;

function expandIpv6(address: string): string[] | null {
  const [head = '', tail, ...rest] = address.split('::');
  if (rest.length > 0) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array.from({ length: missing }, () => '0'), ...right];
  return all.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? all.map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')) : null;
}

/**
 * The key per-address limits count a client under. IPv4 as is (an IPv4-mapped IPv6 address is
 * its IPv4 address); IPv6 by its /64 prefix, because one host is given a whole /64 and could
 * otherwise step through addresses to get a fresh budget for each request. Anything else is
 * kept as given (trimmed), so an unexpected form is still limited, only on its own.
 */
export function clientAddressKey(ip: string | null | undefined): string {
  const address = (ip ?? '').trim().toLowerCase();
  if (address === '') return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address.split('%')[0] ?? address);
  return groups ? `${groups.slice(0, IPV6_CLIENT_GROUPS).join(':')}::/64` : address;
}
