import { describe, expect, it } from "vitest";
import { checkServerUrl, isLoopbackHost } from "../../extension/lib/server-url";

describe("which server the extension may send a session and a Toggl token to", () => {
  it("takes https anywhere, keeping only the origin", () => {
    expect(checkServerUrl(" https://hourline.example.com/some/path?x=1 ")).toEqual({
      ok: true,
      origin: "https://hourline.example.com",
    });
    expect(checkServerUrl("https://10.0.0.5:8443")).toEqual({ ok: true, origin: "https://10.0.0.5:8443" });
  });

  it("takes http only for this computer", () => {
    for (const url of [
      "http://127.0.0.1:8787",
      "http://localhost:3000/",
      "http://[::1]:8787",
      "http://127.8.9.10",
      "http://hourline.localhost",
    ]) {
      expect(checkServerUrl(url), url).toMatchObject({ ok: true });
    }
    for (const url of [
      "http://hourline.example.com",
      "http://192.168.1.20:8787",
      "http://10.0.0.5",
      "http://127.example.com",
      "http://localhost.example.com",
    ]) {
      const checked = checkServerUrl(url);
      expect(checked.ok, url).toBe(false);
      if (!checked.ok) expect(checked.reason).toMatch(/^Use https:\/\/ for .*clear text/);
    }
  });

  it("refuses anything else with a sentence", () => {
    expect(checkServerUrl("ftp://files.example.com")).toEqual({
      ok: false,
      reason: "The server address must start with https://",
    });
    expect(checkServerUrl("hourline.example.com")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Enter a full address/),
    });
  });

  it("knows loopback hosts", () => {
    expect(isLoopbackHost("LOCALHOST")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("128.0.0.1")).toBe(false);
    expect(isLoopbackHost("127.0.0.1.nip.io")).toBe(false);
  });
});
