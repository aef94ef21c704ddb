import { env, exports } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connections, runningEntries, timeLogs } from "../../../worker/db/schema";
import { useClock } from "../../../worker/clock";
import { encryptSecret, hmacSha256Hex } from "../../../worker/lib/crypto";
import { verifySignature } from "../../../worker/features/webhooks/verify";
import { createUser, db } from "../support/accounts";
import { togglId } from "../../support/toggl-ids.ts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";
import { seedTree, togglEntry } from "../time-logs/support";
import { callbackUrl, deliver, pingEvent, timeEntryEvent } from "./support";

const logsOf = (accountId: string) => db().select().from(timeLogs).where(eq(timeLogs.accountId, accountId)).all();
const runningOf = (accountId: string) =>
  db().select().from(runningEntries).where(eq(runningEntries.accountId, accountId)).all();
const connectionRow = (id: string) => db().select().from(connections).where(eq(connections.id, id)).get();

describe("webhook signatures", () => {
  const vectorBody =
    '{"event_id":0,"created_at":"2022-06-25T03:58:10.207820267Z","creator_id":6,"metadata":{"request_type":"POST","event_user_id":6},"payload":"ping","subscription_id":6,"timestamp":"2022-06-25T03:58:10.207820267Z","url_callback":"https://callback-url.com"}';
  const vectorSignature = "sha256=bf829606cda0ca6923defb5ca70a43135adc7e8887486a201a19cb50ca6006b1";

  it("matches Toggl's documented test vector", async () => {
    expect(`sha256=${await hmacSha256Hex("PGuRrhCFajIyEvFlreKL", vectorBody)}`).toBe(vectorSignature);
    expect(await verifySignature("PGuRrhCFajIyEvFlreKL", vectorBody, vectorSignature)).toBe(true);
    expect(await verifySignature("PGuRrhCFajIyEvFlreKL", `${vectorBody} `, vectorSignature)).toBe(false);
    expect(await verifySignature("PGuRrhCFajIyEvFlreKL", vectorBody, undefined)).toBe(false);
  });

  it("accepts the vector's signature over HTTP, then refuses it as a replay (its timestamp is from 2022)", async () => {
    const c = await seedConnection({ webhook: { secret: "PGuRrhCFajIyEvFlreKL" } });
    const res = await deliver(c.id, vectorBody, { secret: "", signature: vectorSignature });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "stale_delivery" } });
  });

  it("verifies the signature over the bytes as sent: a byte-order mark and invalid UTF-8 are stored", async () => {
    const c = await seedConnection({ webhook: {} });
    const send = async (bytes: Uint8Array<ArrayBuffer>) => {
      const res = await exports.default.fetch(`${env.PUBLIC_URL}/webhooks/toggl/${c.id}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-webhook-signature-256": `sha256=${await hmacSha256Hex(c.secret, bytes)}`,
        },
        body: bytes,
      });
      return { status: res.status, body: await res.json<unknown>() };
    };
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const join = (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };

    const withBom = JSON.stringify(
      timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId, description: "With a BOM" })),
    );
    expect(await send(join(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(withBom)))).toEqual({
      status: 200,
      body: { ok: true, result: "created" },
    });

    // A lone 0xFF inside the description: not UTF-8, yet Toggl signed exactly these bytes.
    const [before, after] = JSON.stringify(
      timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId, description: "Broken SPLIT byte" })),
    ).split("SPLIT");
    expect(await send(join(utf8(before!), new Uint8Array([0xff]), utf8(after!)))).toEqual({
      status: 200,
      body: { ok: true, result: "created" },
    });
    const descriptions = (await logsOf(c.accountId)).map((l) => l.description).sort();
    expect(descriptions).toEqual(["Broken \uFFFD byte", "With a BOM"]);
  });

  it("answers 401 and stores nothing for a wrong or a missing signature", async () => {
    const c = await seedConnection({ webhook: {} });
    const entry = togglEntry({ workspaceId: c.workspaceId });
    const body = timeEntryEvent(c.id, "created", entry);
    const wrong = await deliver(c.id, body, { secret: "not-the-secret" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: "invalid_signature" } });
    const missing = await deliver(c.id, body, { secret: c.secret, signature: null });
    expect(missing.status).toBe(401);
    const garbage = await deliver(c.id, body, { secret: c.secret, signature: "sha256=zz" });
    expect(garbage.status).toBe(401);
    expect(await logsOf(c.accountId)).toHaveLength(0);
    expect((await connectionRow(c.id))?.webhookLastEventAt).toBeNull();
  });

  it("stores an entry delivered with a valid signature", async () => {
    const c = await seedConnection({ webhook: {} });
    const entry = togglEntry({ workspaceId: c.workspaceId, description: "Kick-off", tags: ["meeting", "client"] });
    const res = await deliver(c.id, timeEntryEvent(c.id, "created", entry), { secret: c.secret });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, result: "created" });
    const [row] = await logsOf(c.accountId);
    expect(row).toMatchObject({
      togglId: String(entry.id),
      description: "Kick-off",
      durationSeconds: 3000,
      tags: ["client", "meeting"],
    });
    expect((await connectionRow(c.id))?.webhookLastEventAt).toBeInstanceOf(Date);
  });

  it("writes the last-event time again only after half a minute, not on every delivery", async () => {
    const c = await seedConnection({ webhook: {} });
    const send = async (description: string) =>
      (
        await deliver(c.id, timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId, description })), {
          secret: c.secret,
        })
      ).body;
    const lastEventAt = async () => (await connectionRow(c.id))?.webhookLastEventAt?.getTime();

    expect(await send("First")).toEqual({ ok: true, result: "created" });
    const first = await lastEventAt();
    expect(first).toBeGreaterThan(Date.now() - 10_000);
    expect(await send("Second")).toEqual({ ok: true, result: "created" });
    expect(await lastEventAt()).toBe(first);

    useClock(() => Date.now() + 31_000);
    try {
      expect(await send("Third")).toEqual({ ok: true, result: "created" });
      expect(await lastEventAt()).toBeGreaterThanOrEqual(first! + 31_000);
    } finally {
      useClock(() => Date.now());
    }
    expect((await logsOf(c.accountId)).map((l) => l.description).sort()).toEqual(["First", "Second", "Third"]);
  });
});

describe("the ping", () => {
  it("echoes the validation code and marks the subscription validated", async () => {
    const c = await seedConnection({ webhook: {} });
    const res = await deliver(c.id, pingEvent(c.id, "89627dd73f2044f2f73815d665bbce33"), { secret: c.secret });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ validation_code: "89627dd73f2044f2f73815d665bbce33" });
    expect(await connectionRow(c.id)).toMatchObject({
      webhookStatus: "validated",
      webhookValidatedAt: expect.any(Date),
    });
  });

  it("answers a plain ping without a code", async () => {
    const c = await seedConnection({ webhook: {} });
    const res = await deliver(c.id, pingEvent(c.id), { secret: c.secret });
    expect(res.status).toBe(200);
  });
});

describe("what Toggl really sends", () => {
  it("accepts event ids past 2^53, null tag_ids and project_id, and a negative-epoch running duration", async () => {
    const c = await seedConnection({ webhook: {} });
    const entry = togglEntry({
      workspaceId: c.workspaceId,
      stop: null,
      start: "2026-11-24T08:00:00Z",
      userId: "9547721",
    });
    expect(entry.duration).toBeLessThan(-1_000_000_000);
    const raw = JSON.stringify(timeEntryEvent(c.id, "created", entry)).replace(
      /"event_id":\d+/,
      '"event_id":9007199254740993',
    );
    const res = await deliver(c.id, raw, { secret: c.secret });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, result: "running" });
    expect(await logsOf(c.accountId)).toHaveLength(0);
    expect(await runningOf(c.accountId)).toMatchObject([
      { togglId: String(entry.id), togglUserId: "9547721", projectId: null },
    ]);
  });
});

describe("idempotent, order-safe ingest", () => {
  it("stores a duplicate delivery once", async () => {
    const c = await seedConnection({ webhook: {} });
    const body = timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId }));
    expect((await deliver(c.id, body, { secret: c.secret })).status).toBe(200);
    const again = await deliver(c.id, body, { secret: c.secret });
    expect(again.body).toEqual({ ok: true, result: "unchanged" });
    expect(await logsOf(c.accountId)).toHaveLength(1);
  });

  it("keeps the newest version when deliveries arrive in reverse order", async () => {
    const c = await seedConnection({ webhook: {} });
    const id = togglId();
    const v1 = togglEntry({ id, workspaceId: c.workspaceId, description: "draft", at: "2026-11-24T10:00:00+00:00" });
    const v2 = togglEntry({
      id,
      workspaceId: c.workspaceId,
      description: "final",
      stop: "2026-11-24T10:10:00Z",
      at: "2026-11-24T10:10:01+00:00",
    });
    await deliver(c.id, timeEntryEvent(c.id, "updated", v2), { secret: c.secret });
    const late = await deliver(c.id, timeEntryEvent(c.id, "created", v1), { secret: c.secret });
    expect(late.body).toEqual({ ok: true, result: "unchanged" });
    const [row] = await logsOf(c.accountId);
    expect(row).toMatchObject({ description: "final", durationSeconds: 4200 });
  });

  it("orders two edits made in the same second by the events' created_at", async () => {
    const c = await seedConnection({ webhook: {} });
    const id = togglId();
    const at = "2026-11-24T10:00:07+00:00";
    const first = timeEntryEvent(
      c.id,
      "updated",
      togglEntry({ id, workspaceId: c.workspaceId, description: "first", at }),
      {
        created_at: "2026-11-24T10:00:07.120Z",
      },
    );
    const second = timeEntryEvent(
      c.id,
      "updated",
      togglEntry({ id, workspaceId: c.workspaceId, description: "second", at }),
      {
        created_at: "2026-11-24T10:00:07.860Z",
      },
    );
    await deliver(c.id, second, { secret: c.secret });
    const late = await deliver(c.id, first, { secret: c.secret });
    expect(late.body).toEqual({ ok: true, result: "unchanged" });
    expect(await logsOf(c.accountId)).toMatchObject([{ description: "second" }]);
  });

  it("turns a running entry into a Time Log when it stops", async () => {
    const c = await seedConnection({ webhook: {} });
    const id = togglId();
    const running = togglEntry({
      id,
      workspaceId: c.workspaceId,
      userId: "42",
      stop: null,
      at: "2026-11-24T09:00:00+00:00",
    });
    const stopped = togglEntry({ id, workspaceId: c.workspaceId, userId: "42", at: "2026-11-24T09:50:00+00:00" });
    await deliver(c.id, timeEntryEvent(c.id, "created", running), { secret: c.secret });
    expect(await logsOf(c.accountId)).toHaveLength(0);
    expect(await runningOf(c.accountId)).toHaveLength(1);
    const res = await deliver(c.id, timeEntryEvent(c.id, "updated", stopped), { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "created" });
    expect(await logsOf(c.accountId)).toHaveLength(1);
    expect(await runningOf(c.accountId)).toHaveLength(0);
  });

  it("keeps a Time Log deleted after it stopped, flagged and not scorable", async () => {
    const c = await seedConnection({ webhook: {} });
    const id = togglId();
    const stopped = togglEntry({ id, workspaceId: c.workspaceId, at: "2026-11-24T10:00:00+00:00" });
    await deliver(c.id, timeEntryEvent(c.id, "created", stopped), { secret: c.secret });
    await db()
      .update(timeLogs)
      .set({ scorable: true })
      .where(and(eq(timeLogs.accountId, c.accountId), eq(timeLogs.togglId, id)));
    const deleted = togglEntry({ id, workspaceId: c.workspaceId, at: "2026-11-24T11:00:00+00:00", deleted: true });
    const res = await deliver(c.id, timeEntryEvent(c.id, "deleted", deleted), { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "deleted" });
    expect(await logsOf(c.accountId)).toMatchObject([{ togglId: id, deletedInToggl: true, scorable: false }]);
  });

  it("keeps an entry deleted when its deletion arrives before its creation", async () => {
    const c = await seedConnection({ webhook: {} });
    const id = togglId();
    const created = togglEntry({ id, workspaceId: c.workspaceId, at: "2026-11-24T10:00:00+00:00" });
    const deleted = togglEntry({ id, workspaceId: c.workspaceId, at: "2026-11-24T10:30:00+00:00", deleted: true });
    expect((await deliver(c.id, timeEntryEvent(c.id, "deleted", deleted), { secret: c.secret })).body).toEqual({
      ok: true,
      result: "deleted",
    });
    expect((await deliver(c.id, timeEntryEvent(c.id, "created", created), { secret: c.secret })).body).toEqual({
      ok: true,
      result: "unchanged",
    });
    expect(await logsOf(c.accountId)).toMatchObject([{ togglId: id, deletedInToggl: true, scorable: false }]);
  });

  it("forgets a running timer deleted in Toggl, without making it a Time Log", async () => {
    const c = await seedConnection({ webhook: {} });
    const id = togglId();
    const running = togglEntry({ id, workspaceId: c.workspaceId, stop: null, at: "2026-11-24T09:00:00+00:00" });
    await deliver(c.id, timeEntryEvent(c.id, "created", running), { secret: c.secret });
    expect(await runningOf(c.accountId)).toHaveLength(1);
    const gone = { ...running, server_deleted_at: "2026-11-24T09:05:00+00:00", at: "2026-11-24T09:05:00+00:00" };
    expect((await deliver(c.id, timeEntryEvent(c.id, "deleted", gone), { secret: c.secret })).body).toEqual({
      ok: true,
      result: "deleted",
    });
    expect(await runningOf(c.accountId)).toHaveLength(0);
    expect(await logsOf(c.accountId)).toHaveLength(0);
  });

  it("keeps every digit of a time entry id past 2^53", async () => {
    const c = await seedConnection({ webhook: {} });
    const entry = togglEntry({ id: "1", workspaceId: c.workspaceId });
    const raw = JSON.stringify(timeEntryEvent(c.id, "created", entry)).replace('"id":1,', '"id":9007199254740993,');
    expect((await deliver(c.id, raw, { secret: c.secret })).status).toBe(200);
    expect(await logsOf(c.accountId)).toMatchObject([{ togglId: "9007199254740993" }]);
  });

  it("flags a deletion that carries only the id", async () => {
    const c = await seedConnection({ webhook: {} });
    const id = togglId();
    await deliver(c.id, timeEntryEvent(c.id, "created", togglEntry({ id, workspaceId: c.workspaceId })), {
      secret: c.secret,
    });
    const body = timeEntryEvent(c.id, "deleted", { id: Number(id), workspace_id: Number(c.workspaceId), user_id: 1 });
    const res = await deliver(c.id, body, { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "deleted" });
    expect(await logsOf(c.accountId)).toMatchObject([{ deletedInToggl: true }]);
  });
});

describe("deliveries that are not for us", () => {
  it("acknowledges an unknown connection", async () => {
    const res = await deliver(crypto.randomUUID(), { anything: true }, { secret: "x" });
    expect(res.status).toBe(200);
  });

  it("acknowledges an unlinked connection and counts it", async () => {
    const c = await seedConnection({ status: "unlinked", webhook: {} });
    const body = timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId }));
    expect((await deliver(c.id, body, { secret: c.secret })).status).toBe(200);
    expect((await deliver(c.id, body, { secret: c.secret })).status).toBe(200);
    expect(await logsOf(c.accountId)).toHaveLength(0);
    expect((await connectionRow(c.id))?.ignoredDeliveries).toBe(2);
    // A forged delivery is not counted.
    expect((await deliver(c.id, body, { secret: "forged" })).status).toBe(401);
    expect((await connectionRow(c.id))?.ignoredDeliveries).toBe(2);
  });

  it("writes nothing at all for a connection that has no signing secret yet, however the delivery is signed", async () => {
    const c = await seedConnection();
    const before = await connectionRow(c.id);
    expect(before?.webhookSecretCiphertext).toBeNull();
    const entry = togglEntry({ workspaceId: c.workspaceId });
    for (const opts of [{ secret: "anything" }, { secret: "", signature: null }]) {
      const res = await deliver(c.id, timeEntryEvent(c.id, "created", entry), opts);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, result: "ignored_no_secret" });
    }
    const ping = await deliver(c.id, pingEvent(c.id, "abc"), { secret: "anything" });
    expect(ping.body).toEqual({ ok: true, result: "ignored_no_secret" });
    expect(await logsOf(c.accountId)).toHaveLength(0);
    expect(await runningOf(c.accountId)).toHaveLength(0);
    // Not even the ignored count or the last-event time moved; the subscription was not validated.
    expect(await connectionRow(c.id)).toEqual(before);
  });

  it("acknowledges but does not store an entry of another workspace", async () => {
    const c = await seedConnection({ webhook: {} });
    const body = timeEntryEvent(c.id, "created", togglEntry({ workspaceId: togglId() }));
    (body.metadata as Record<string, string>).workspace_id = c.workspaceId;
    const res = await deliver(c.id, body, { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "ignored" });
    expect(await logsOf(c.accountId)).toHaveLength(0);
    expect((await connectionRow(c.id))?.ignoredDeliveries).toBe(1);
  });
});

describe("a connection that changed since its last delivery", () => {
  // Each change comes right after a stored delivery, so the next one meets the connection as it is now.
  const deliverOnce = async (c: Awaited<ReturnType<typeof seedConnection>>) => {
    const res = await deliver(c.id, timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId })), {
      secret: c.secret,
    });
    expect(res.body).toEqual({ ok: true, result: "created" });
  };

  it("ignores and counts deliveries once the connection is unlinked", async () => {
    const c = await seedConnection({ webhook: {} });
    await deliverOnce(c);
    await db().update(connections).set({ status: "unlinked" }).where(eq(connections.id, c.id));
    const body = timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId }));
    const res = await deliver(c.id, body, { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "ignored_unlinked" });
    expect(await logsOf(c.accountId)).toHaveLength(1);
    expect((await connectionRow(c.id))?.ignoredDeliveries).toBe(1);
  });

  it("stores no running timer either once the connection is unlinked", async () => {
    const c = await seedConnection({ webhook: {} });
    await deliverOnce(c);
    await db().update(connections).set({ status: "unlinked" }).where(eq(connections.id, c.id));
    const running = togglEntry({ workspaceId: c.workspaceId, start: new Date().toISOString(), stop: null });
    const res = await deliver(c.id, timeEntryEvent(c.id, "created", running), { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "ignored_unlinked" });
    expect(await runningOf(c.accountId)).toHaveLength(0);
    expect((await connectionRow(c.id))?.ignoredDeliveries).toBe(1);
  });

  it("refuses the old secret once the subscription has a new one, and accepts the new one", async () => {
    const c = await seedConnection({ webhook: {} });
    await deliverOnce(c);
    const secret = `secret-${crypto.randomUUID()}`;
    await db()
      .update(connections)
      .set({ webhookSecretCiphertext: await encryptSecret(env.TOKEN_ENCRYPTION_KEY, secret) })
      .where(eq(connections.id, c.id));
    const body = timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId }));
    expect((await deliver(c.id, body, { secret: c.secret })).status).toBe(401);
    expect(await logsOf(c.accountId)).toHaveLength(1);
    expect((await deliver(c.id, body, { secret })).body).toEqual({ ok: true, result: "created" });
    expect(await logsOf(c.accountId)).toHaveLength(2);
  });

  it("keeps out an entry from before a history boundary moved since", async () => {
    const c = await seedConnection({ webhook: {} });
    await deliverOnce(c);
    await db()
      .update(connections)
      .set({ historyFrom: new Date("2026-11-25T00:00:00Z") })
      .where(eq(connections.id, c.id));
    const early = togglEntry({
      workspaceId: c.workspaceId,
      start: "2026-11-24T09:00:00Z",
      stop: "2026-11-24T10:00:00Z",
    });
    const res = await deliver(c.id, timeEntryEvent(c.id, "created", early), { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "before_history" });
    expect(await logsOf(c.accountId)).toHaveLength(1);
  });
});

describe("bad deliveries", () => {
  it("answers 400 to malformed JSON and stores nothing", async () => {
    const c = await seedConnection({ webhook: {} });
    const res = await deliver(c.id, '{"event_id": 1, "payload": {', { secret: c.secret });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "invalid_json" } });
    expect(await logsOf(c.accountId)).toHaveLength(0);
  });

  it("answers 400 with the issues to a time entry without a start", async () => {
    const c = await seedConnection({ webhook: {} });
    const entry: Record<string, unknown> = togglEntry({ workspaceId: c.workspaceId });
    delete entry.start;
    const res = await deliver(c.id, timeEntryEvent(c.id, "created", entry as never), { secret: c.secret });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "invalid_input", details: expect.any(Array) } });
    expect(await logsOf(c.accountId)).toHaveLength(0);
  });

  it("answers 413 to an oversized body", async () => {
    const c = await seedConnection({ webhook: {} });
    const body = timeEntryEvent(
      c.id,
      "created",
      togglEntry({ workspaceId: c.workspaceId, description: "x".repeat(300_000) }),
    );
    const res = await deliver(c.id, body, { secret: c.secret });
    expect(res.status).toBe(413);
    expect(await logsOf(c.accountId)).toHaveLength(0);
  });

  it("refuses a delivery sent more than five minutes ago, or in the future", async () => {
    const c = await seedConnection({ webhook: {} });
    const entry = togglEntry({ workspaceId: c.workspaceId });
    const old = timeEntryEvent(c.id, "created", entry, { timestamp: new Date(Date.now() - 6 * 60_000).toISOString() });
    const ahead = timeEntryEvent(c.id, "created", entry, {
      timestamp: new Date(Date.now() + 6 * 60_000).toISOString(),
    });
    for (const body of [old, ahead]) {
      const res = await deliver(c.id, body, { secret: c.secret });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "stale_delivery" } });
    }
    expect(await logsOf(c.accountId)).toHaveLength(0);
  });

  it("refuses a delivery meant for another callback URL", async () => {
    const c = await seedConnection({ webhook: {} });
    const other = await seedConnection({ webhook: {} });
    const body = timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId }), {
      url_callback: callbackUrl(other.id),
    });
    const res = await deliver(c.id, body, { secret: c.secret });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "wrong_callback" } });
    const foreign = timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId }), {
      url_callback: `https://evil.example${new URL(callbackUrl(c.id)).pathname}`,
    });
    expect((await deliver(c.id, foreign, { secret: c.secret })).status).toBe(400);
    expect(await logsOf(c.accountId)).toHaveLength(0);
  });

  it("holds deliveries to the callback URL the subscription was made with", async () => {
    const c = await seedConnection({ webhook: { callbackUrl: "https://tunnel.example/webhooks/toggl/abc" } });
    const entry = togglEntry({ workspaceId: c.workspaceId });
    const viaPublicUrl = await deliver(c.id, timeEntryEvent(c.id, "created", entry), { secret: c.secret });
    expect(viaPublicUrl.status).toBe(400);
    const body = timeEntryEvent(c.id, "created", entry, { url_callback: "https://tunnel.example/webhooks/toggl/abc" });
    expect((await deliver(c.id, body, { secret: c.secret })).status).toBe(200);
  });

  it("accepts its own path on the origin it was reached at when no callback URL was recorded", async () => {
    const c = await seedConnection({ webhook: { callbackUrl: null } });
    const res = await deliver(c.id, timeEntryEvent(c.id, "created", togglEntry({ workspaceId: c.workspaceId })), {
      secret: c.secret,
    });
    expect(res.status).toBe(200);
  });
});

describe("structure events", () => {
  it("renames a project by webhook, and the Time Log title follows", async () => {
    const c = await seedConnection({ webhook: {} });
    const admin = await createUser(c.accountId, { role: "admin" });
    const tree = await seedTree(c.accountId, c.workspaceId, { client: "Acme", project: "Website" });
    await deliver(
      c.id,
      timeEntryEvent(
        c.id,
        "created",
        togglEntry({ workspaceId: c.workspaceId, projectId: tree.projectId, description: "Work" }),
      ),
      {
        secret: c.secret,
      },
    );
    const project = {
      id: Number(tree.projectId),
      workspace_id: Number(c.workspaceId),
      wid: Number(c.workspaceId),
      client_id: Number(tree.clientId),
      name: "Web shop",
      active: true,
      status: "active",
      billable: false,
      at: new Date().toISOString().replace("Z", "+00:00"),
      server_deleted_at: null,
    };
    const event = {
      ...timeEntryEvent(c.id, "updated", { id: project.id, workspace_id: project.workspace_id, user_id: 1 }),
      payload: project,
    };
    const metadata: Record<string, string> = { ...event.metadata, model: "project", project_id: String(project.id) };
    Object.assign(event, { metadata });
    const res = await deliver(c.id, event, { secret: c.secret });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, result: "updated" });
    const list = await call<{ items: { title: string }[] }>("GET", "/api/time-logs", admin.headers);
    expect(list.body.items[0]?.title).toBe("Acme → Web shop → Work");
  });
});
