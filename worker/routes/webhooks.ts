import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env";
import { errorBody } from "../lib/errors";
import { valid } from "../lib/validation";
import { handleDelivery } from "../features/webhooks/ingest";
import { nowMs } from "../clock";

export const routes = new Hono<AppEnv>().post(
  "/toggl/:connectionId",
  valid("param", z.object({ connectionId: z.string().min(1) })),
  async (c) => {
    // The raw bytes: the signature is over them exactly (the app's body limit answers 413).
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const outcome = await handleDelivery(
      {
        db: c.get("db"),
        encryptionKey: c.env.TOKEN_ENCRYPTION_KEY,
        origins: [c.env.PUBLIC_URL, new URL(c.req.url).origin],
        now: nowMs(),
      },
      c.req.valid("param").connectionId,
      rawBody,
      c.req.header("x-webhook-signature-256"),
    );
    if (outcome.status === 401) return c.json(errorBody("invalid_signature", outcome.reason), 401);
    return c.json(outcome.body, 200);
  },
);
