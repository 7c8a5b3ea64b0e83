/**
 * Where webhook deliveries may go. The server sends from inside the newsroom's network, so
 * an address that only reaches that network (loopback, private and link-local ranges, the
 * cloud metadata service at 169.254.169.254, …) would let whoever adds a webhook make the
 * server knock on machines no browser can reach. Unless WEBHOOKS_ALLOW_PRIVATE_NETWORK is
 * set (a chat server on the newsroom's own network), deliveries reach public addresses only.
 *
 * The check runs when the connection is made, on the addresses the name resolves to then,
 * so that a name that resolves to a public address when the webhook is added and to a
 * private one later (DNS rebinding) is refused as well.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/** The setting that lets deliveries reach private and local addresses. */
export const ALLOW_PRIVATE_NETWORK_SETTING = 'WEBHOOKS_ALLOW_PRIVATE_NETWORK';

/** A public unicast address: not loopback, private, link-local, multicast, reserved, … */
export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';
}

export class PrivateDestinationError extends Error {
  readonly code = 'EPRIVATEDESTINATION';

  constructor(host: string, address: string) {
    super(
      host === address
        ? `${address} is a private or local address`
        : `${host} resolves to ${address}, a private or local address`,
    );
    this.name = 'PrivateDestinationError';
  }
}

/** `url`'s host as written, without IPv6 brackets. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why `url` may not be sent to, known from the URL alone (its host is an address, or a
 * name that always means this machine), or null: other names are checked when they resolve.
 */
export function refusedByAddress(url: string): PrivateDestinationError | null {
  const host = hostOf(url).toLowerCase();
  if (isIP(host) !== 0) {
    return isPublicAddress(host) ? null : new PrivateDestinationError(host, host);
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return new PrivateDestinationError(host, 'loopback');
  }
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * `net.connect`'s lookup: resolves as usual and refuses the connection when any address
 * of the name is not public (one private address among public ones would be tried too).
 */
function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) {
      callback(new PrivateDestinationError(hostname, refused.address), []);
    } else if (options.all) {
      callback(null, addresses);
    } else {
      callback(null, addresses[0].address, addresses[0].family);
    }
  });
}

/** The connections deliveries use when only public addresses may be reached. */
export function publicOnlyDispatcher(): Agent {
  return new Agent({ connect: { lookup: publicOnlyLookup } });
}
