import { isIPv4 } from "node:net";

/**
 * The network an address (as lib/http/client-address.ts's limitKey writes it)
 * belongs to, for the three tries per network an account under attack still
 * allows: an IPv4 address by its /24, an IPv6 /64 by its /48. A site is
 * usually given a whole /48, so its 65,536 /64s count once; anything else
 * (an unknown address) stands for itself.
 */
export function networkOf(address: string): string {
  if (isIPv4(address)) return `${address.split(".").slice(0, 3).join(".")}.0/24`;
  const v6 = /^([0-9a-f]+):([0-9a-f]+):([0-9a-f]+):[0-9a-f]+::\/64$/.exec(address);
  return v6 ? `${v6[1]}:${v6[2]}:${v6[3]}::/48` : address;
}
