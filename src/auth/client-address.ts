import { isIPv4, isIPv6 } from 'node:net';

/** What the login throttle needs of an HTTP request (Express sets `ip`, honouring TRUST_PROXY). */
export interface ClientRequest {
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * The client address a request is throttled by: Express's `req.ip` (the socket's address, or the
 * X-Forwarded-For client when TRUST_PROXY trusts the proxy in front), with an IPv4-mapped IPv6
 * address written as IPv4 and an IPv6 address cut to its /64 (one subscriber usually holds a whole
 * /64, so counting single addresses would let them spray from 2^64 of them).
 */
export function clientAddress(req: ClientRequest | undefined | null): string {
  const raw = (req?.ip ?? req?.socket?.remoteAddress ?? '').trim();
  return normalizeAddress(raw);
}

export function normalizeAddress(raw: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped) return mapped[1];
  if (isIPv4(raw)) return raw;
  if (isIPv6(raw)) return `${expandIPv6(raw).slice(0, 4).join(':')}::/64`;
  return raw === '' ? 'unknown' : raw.slice(0, 100);
}

/** The eight 16-bit groups of an IPv6 address, lower-case, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  // An embedded IPv4 tail (e.g. ::1.2.3.4) fills the last two groups.
  const last = (tail !== undefined ? right : left).at(-1);
  if (last && isIPv4(last)) {
    const [a, b, c, d] = last.split('.').map(Number);
    const groups = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    (tail !== undefined ? right : left).splice(-1, 1, ...groups);
  }
  const missing = tail !== undefined ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16).toString(16));
}
