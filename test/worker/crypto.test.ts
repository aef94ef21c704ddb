import { describe, expect, it } from "vitest";
import {
  constantTimeEqual,
  decryptSecret,
  encryptSecret,
  hmacSha256Hex,
  randomToken,
  sha256Hex,
} from "../../worker/lib/crypto";

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => i + 1)));

describe("crypto helpers", () => {
  it("encrypts with a fresh IV each time and decrypts back", async () => {
    const a = await encryptSecret(KEY, "toggl-token-123");
    const b = await encryptSecret(KEY, "toggl-token-123");
    expect(a).not.toBe(b);
    expect(a).not.toContain("toggl-token-123");
    expect(await decryptSecret(KEY, a)).toBe("toggl-token-123");
  });

  it("refuses to decrypt with another key or tampered ciphertext", async () => {
    const sealed = await encryptSecret(KEY, "secret");
    const otherKey = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)));
    await expect(decryptSecret(otherKey, sealed)).rejects.toThrow();
    const tampered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decryptSecret(KEY, tampered)).rejects.toThrow();
  });

  it("computes Toggl's documented webhook signature test vector", async () => {
    const body =
      '{"event_id":0,"created_at":"2022-06-25T03:58:10.207820267Z","creator_id":6,"metadata":{"request_type":"POST","event_user_id":6},"payload":"ping","subscription_id":6,"timestamp":"2022-06-25T03:58:10.207820267Z","url_callback":"https://callback-url.com"}';
    expect(await hmacSha256Hex("PGuRrhCFajIyEvFlreKL", body)).toBe(
      "bf829606cda0ca6923defb5ca70a43135adc7e8887486a201a19cb50ca6006b1",
    );
  });

  it("compares equal and unequal strings", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });

  it("makes 256-bit tokens and hex hashes", async () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sha256Hex("x")).toMatch(/^[0-9a-f]{64}$/);
  });
});
