// node:crypto as the offline app sees it (see build.ts): random bytes from Web Crypto; no hashing.
export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function createHash(): never {
  throw new Error("hashing is done by the server, not on the device");
}
