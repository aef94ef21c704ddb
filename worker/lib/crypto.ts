// Small Web Crypto helpers: random tokens, hashes, HMAC, constant-time compare, AES-GCM at rest.

const encoder = new TextEncoder();

function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Opaque random token, base64url (256 bits by default). */
export function randomToken(bytes = 32): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/**
 * Imported keys kept for the isolate's life (non-extractable CryptoKeys, never the raw bytes), and
 * webhook secrets once decrypted: a webhook delivery then costs one HMAC, with no import or decrypt.
 * Bounded: a map starts over when full.
 */
const KEEP = 256;
const hmacKeys = new Map<string, CryptoKey>();
const aesKeys = new Map<string, CryptoKey>();
const decrypted = new Map<string, string>();

async function kept<T>(cache: Map<string, T>, id: string, make: () => Promise<T>): Promise<T> {
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const value = await make();
  if (cache.size >= KEEP) cache.clear();
  cache.set(id, value);
  return value;
}

export async function hmacSha256Hex(secret: string, message: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await kept(hmacKeys, secret, () =>
    crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
  );
  const data = typeof message === "string" ? encoder.encode(message) : message;
  return toHex(await crypto.subtle.sign("HMAC", key, data));
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

async function importAesKey(keyBase64: string): Promise<CryptoKey> {
  return kept(aesKeys, keyBase64, () => {
    const raw = fromBase64(keyBase64);
    if (raw.length !== 32) throw new Error("TOKEN_ENCRYPTION_KEY must be base64 of 32 bytes");
    return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  });
}

/** AES-256-GCM; returns base64(iv ‖ ciphertext). */
export async function encryptSecret(keyBase64: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await importAesKey(keyBase64);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(plaintext)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

export async function decryptSecret(keyBase64: string, ciphertext: string): Promise<string> {
  const bytes = fromBase64(ciphertext);
  const key = await importAesKey(keyBase64);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
  return new TextDecoder().decode(plain);
}

/**
 * decryptSecret, kept per isolate by ciphertext. A rotated secret is a new ciphertext (a fresh
 * IV), so it is never answered with the old plaintext.
 */
export function decryptSecretKept(keyBase64: string, ciphertext: string): Promise<string> {
  return kept(decrypted, ciphertext, () => decryptSecret(keyBase64, ciphertext));
}
