import { afterAll, beforeAll, expect, test } from "vitest";
import { startStack, type Stack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

test("the worker answers on its listener with migrations applied", async () => {
  const res = await stack.api<{ ok: boolean }>("GET", "/health");
  expect(res.status).toBe(200);
  expect(await stack.query("select count(*) as n from connections")).toEqual([{ n: 0 }]);
  await stack.cron("*/15 * * * *");
});
