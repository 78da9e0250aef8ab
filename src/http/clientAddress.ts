// The address a request comes from, which the rate limits count against. Behind a reverse proxy
// the socket's peer is the proxy; the client is in X-Forwarded-For, which every proxy on the way
// appends to ("client, proxy1, proxy2") and which the client itself may fill with anything. So the
// list is read from the right: the entries our own proxies added are skipped, and the first one
// left is the address that connected to our outermost proxy. An entry further left was written by
// the client and is never believed (it would give a guesser a new address per request).
import { BlockList, isIP } from "node:net";

/** Which hops in front of the server are ours: how many, or which addresses (IPs or CIDR ranges). */
export type ProxyTrust = { hops: number } | { addresses: BlockList };

export const NO_PROXY: ProxyTrust = { hops: 0 };

/** "10.0.0.0/8, 192.168.1.5, ::1" → the ranges to trust; throws on an entry that is not one. */
export function trustedAddresses(list: string): BlockList {
  const blocks = new BlockList();
  for (const raw of list.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address = "", prefix] = raw.split("/");
    const family = isIP(address);
    if (!family) throw new Error(`"${raw}" không phải địa chỉ IP hay dải CIDR`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) blocks.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!/^\d{1,3}$/.test(prefix) || bits > (family === 6 ? 128 : 32)) throw new Error(`"${raw}": độ dài tiền tố không hợp lệ`);
      blocks.addSubnet(address, bits, type);
    }
  }
  return blocks;
}

/** "::ffff:10.0.0.1" (IPv4 seen on an IPv6 socket) → "10.0.0.1"; anything else as it is. */
function plain(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

function isTrusted(address: string, blocks: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && blocks.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address from the socket's peer and the X-Forwarded-For header(s).
 * - `{ hops: n }`: n proxies of ours stand in front; the n-th address from the right of
 *   [...forwarded, peer] is the client (0: the peer itself; the header is ignored).
 * - `{ addresses }`: skip from the right every address that is one of our proxies; the first
 *   other one is the client.
 * A chain shorter than the proxies we expect gives its left-most entry: the request did not pass
 * through all of them, and that entry is still the closest to the client we can vouch for.
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trust: ProxyTrust): string {
  const chain = [...(forwardedFor ?? "").split(",").map((s) => plain(s.trim())).filter(Boolean), plain(peer)];
  if ("hops" in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  for (let i = chain.length - 1; i > 0; i--) if (!isTrusted(chain[i]!, trust.addresses)) return chain[i]!;
  return chain[0]!;
}
