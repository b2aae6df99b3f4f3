import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../bot/download-address';

// The oracle, written from IANA's IPv4 and IPv6 Special-Purpose Address Registries, multicast and
// the reserved ranges, independently of the table the code keeps.
const specialIpv4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const specialIpv6: readonly (readonly [string, number])[] = [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:2::', 48],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => String(Math.floor(value / 2 ** shift) % 256)).join('.');
}

/** The 128 bits of an IPv6 address written in hex groups (no embedded IPv4). */
function ipv6ToBigInt(address: string): bigint {
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const missing = 8 - groupsOf(head).length - groupsOf(tail ?? '').length;
  const groups = [
    ...groupsOf(head),
    ...Array<string>(tail === undefined ? 0 : missing).fill('0'),
    ...groupsOf(tail ?? ''),
  ];
  return groups.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function bigIntToIpv6(value: bigint): string {
  return Array.from({ length: 8 }, (_, index) =>
    ((value >> BigInt(16 * (7 - index))) & 0xffffn).toString(16),
  ).join(':');
}

/** Any address inside one of `ranges`, from random host bits. */
const inIpv4Range = fc
  .tuple(fc.constantFrom(...specialIpv4), fc.nat({ max: 2 ** 32 - 1 }))
  .map(([[network, prefix], bits]) => {
    const size = 2 ** (32 - prefix);
    return numberToIpv4(ipv4ToNumber(network) + (bits % size));
  });

const inIpv6Range = fc
  .tuple(fc.constantFrom(...specialIpv6), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }))
  .map(([[network, prefix], bits]) => {
    const hostBits = BigInt(128 - prefix);
    return bigIntToIpv6(ipv6ToBigInt(network) | (bits & ((1n << hostBits) - 1n)));
  });

describe('which resolved addresses a download may connect to', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.0.1',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '0.1.2.3',
    '192.0.0.8',
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.9',
    '198.18.0.1',
    '198.19.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
  ])('refuses the IPv4 address %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback, written out'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback in hex'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata address in hex'],
    ['::ffff:13.107.136.9', 'IPv4-mapped, even of a public address'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['fc00::1', 'unique local'],
    ['fd00:ec2::254', 'unique local (a cloud metadata endpoint)'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local, last block'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['FF0E::1', 'multicast, upper case'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback, dotted'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of the metadata address'],
    ['64:ff9b::10.1.2.3', 'NAT64 of a private address'],
    ['64:ff9b::c0a8:101', 'NAT64 of 192.168.1.1'],
    ['64:ff9b:1::d6b:8809', 'local-use NAT64'],
    ['100::1', 'discard-only'],
    ['2001:db8::1', 'documentation'],
    ['2001:0db8:85a3::8a2e:370:7334', 'documentation, written with zeros'],
    ['3fff::1', 'documentation (RFC 9637)'],
    ['2001::1', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['fe80::1%eth0', 'scoped to an interface'],
    ['2620:1ec:8f8::1%1', 'public but scoped'],
  ])('refuses the IPv6 address %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '13.107.136.9',
    '52.104.0.1',
    '8.8.8.8',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '172.15.255.255',
    '172.32.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2620:1ec:8f8::1',
    '2a01:111:f402::1',
    '2603:1036:a00::1',
    '64:ff9b::d6b:8809',
    '64:ff9b::13.107.136.9',
  ])('accepts the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each(['localhost', 'contoso.sharepoint.com', '2130706433', '0x7f.1', '127.1', '[::1]', ''])(
    'refuses %s, which is not an address',
    (text) => {
      expect(isPublicAddress(text)).toBe(false);
    },
  );

  it.each([
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0x7f.1/',
    'https://0177.0.0.1/',
    'https://127.1/',
    'https://127.0.1/',
    'https://0/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://[0:0:0:0:0:ffff:7f00:1]/',
    'https://2852039166/',
    'https://0xa9fea9fe/',
    'https://0xa9.0xfe.0xa9.0xfe/',
    'https://0251.0376.0251.0376/',
    'https://169.254.43518/',
    'https://[::ffff:169.254.169.254]/',
    'https://[64:ff9b::169.254.169.254]/',
  ])('refuses the address the URL parser reads from %s', (url) => {
    const address = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    expect(isPublicAddress(address)).toBe(false);
  });

  it('refuses every IPv4 address of the special ranges', () => {
    fc.assert(
      fc.property(inIpv4Range, (address) => {
        expect(isPublicAddress(address)).toBe(false);
      }),
    );
  });

  it('refuses every IPv6 address of the special ranges', () => {
    fc.assert(
      fc.property(inIpv6Range, (address) => {
        expect(isPublicAddress(address)).toBe(false);
      }),
    );
  });

  it('judges an IPv4 address and its NAT64 form alike, and refuses every IPv4-mapped form', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const hex = bigIntToIpv6(0xffff00000000n | BigInt(ipv4ToNumber(address)));
        expect(isPublicAddress(`64:ff9b::${address}`)).toBe(isPublicAddress(address));
        expect(isPublicAddress(`::ffff:${address}`)).toBe(false);
        expect(isPublicAddress(hex)).toBe(false);
      }),
    );
  });

  it('accepts no IPv6 address outside global unicast but NAT64, whatever its notation', () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        // The URL parser writes any notation (embedded IPv4 included) in hex groups.
        const hex = new URL(`http://[${address}]`).hostname.slice(1, -1);
        const globalUnicast = ipv6ToBigInt(hex) >> 125n === 1n;
        const nat64 = ipv6ToBigInt(hex) >> 32n === 0x64ff9bn << 64n;
        if (!globalUnicast && !nat64) expect(isPublicAddress(address)).toBe(false);
      }),
    );
  });
});
