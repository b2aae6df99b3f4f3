import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIPv4, isIPv6, type LookupFunction } from 'node:net';

/**
 * IPv4 ranges a download never connects to: every entry of IANA's IPv4 Special-Purpose Address
 * Registry (RFC 6890 and its updates), multicast (RFC 5771) and the reserved 240/4 with the
 * broadcast address. Some registry entries are globally reachable (AS112, AMT); no file host of
 * Teams lives there, so they are refused with the rest.
 */
const SPECIAL_IPV4: readonly (readonly [network: string, prefix: number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata endpoints (169.254.169.254) included
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.31.196.0', 24], // AS112-v4
  ['192.52.193.0', 24], // AMT
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16], // private (RFC 1918)
  ['192.175.48.0', 24], // AS112 direct delegation
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, 255.255.255.255 broadcast included
];

/**
 * IPv6 ranges inside global unicast (2000::/3) a download never connects to, from IANA's IPv6
 * Special-Purpose Address Registry. Everything outside 2000::/3 is refused anyway (see
 * `isPublicAddress`): ::, ::1, IPv4-mapped and -compatible addresses, 64:ff9b:1::/48, 100::/64,
 * fc00::/7, fe80::/10, fec0::/10, ff00::/8.
 */
const SPECIAL_IPV6: readonly (readonly [network: string, prefix: number])[] = [
  ['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which embeds any IPv4 address
  ['3fff::', 20], // documentation (RFC 9637)
];

/** The well-known NAT64 prefix (RFC 6052): 64:ff9b::a.b.c.d reaches the IPv4 address a.b.c.d. */
const NAT64_PREFIX = '64:ff9b::';

const special = new BlockList();
for (const [network, prefix] of SPECIAL_IPV4) {
  special.addSubnet(network, prefix, 'ipv4');
  // Through NAT64 the same ranges are reachable as IPv6 addresses.
  special.addSubnet(`${NAT64_PREFIX}${network}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of SPECIAL_IPV6) special.addSubnet(network, prefix, 'ipv6');

const routableIpv6 = new BlockList();
routableIpv6.addSubnet('2000::', 3, 'ipv6');
routableIpv6.addSubnet(NAT64_PREFIX, 96, 'ipv6');

/**
 * True only for a public unicast address: not loopback, private, link-local, shared, multicast,
 * reserved, documentation or benchmarking, in IPv4 or IPv6, nor an IPv6 form that reaches one of
 * those (IPv4-mapped, NAT64, 6to4). Anything that is not a plain address (a name, a number, an
 * IPv6 address with a zone) is false.
 */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !special.check(address, 'ipv4');
  if (!isIPv6(address) || address.includes('%')) return false;
  return routableIpv6.check(address, 'ipv6') && !special.check(address, 'ipv6');
}

/** Resolves a host name to all of its addresses, as `dns.lookup` with `all: true` does. */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

/** How a download reaches a host: where its name resolves, and which addresses it may connect to. */
export interface DownloadNetwork {
  readonly resolve: ResolveHost;
  readonly mayConnectTo: (address: string) => boolean;
  /** Certificate authorities trusted instead of Node's own; a test CA for loopback stand-ins. */
  readonly ca?: string;
}

/** The network of every real download: the system resolver, and public addresses only. */
export const PUBLIC_NETWORK: DownloadNetwork = {
  resolve: (hostname) =>
    new Promise((resolve, reject) => {
      lookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
        if (error) reject(error);
        else resolve(addresses);
      });
    }),
  mayConnectTo: isPublicAddress,
};

/**
 * A `lookup` for `http.request` that answers with addresses already checked, so the connection
 * goes to one of them and a second resolution cannot swap in another (DNS rebinding).
 */
export function lookupOnly(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const wanted = addresses.filter((address) => family === undefined || address.family === family);
    // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily), else for one.
    if (options.all === true) {
      callback(null, wanted);
      return;
    }
    const [first] = wanted;
    if (first === undefined) callback(new Error('No address to connect to'), '', 0);
    else callback(null, first.address, first.family);
  };
}
