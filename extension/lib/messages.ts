// Typed popup ↔ background messages. The listener answers through sendResponse and returns true,
// because Chrome replies `undefined` to a listener that returns a Promise.
import { browser } from "wxt/browser";
import type { IdleState } from "./idle";

export interface MessageMap {
  /** Replay the offline queue now; answers how many actions are still waiting. */
  "queue:flush": { request: null; response: { remaining: number; error: string | null } };
  /** Re-read the timer and repaint the badge. */
  "badge:refresh": { request: null; response: { text: string } };
  /** Start or stop, exactly like the keyboard command. */
  "timer:toggle": { request: null; response: { running: boolean; error: string | null } };
  /**
   * An idle state from the browser's idle API and when it began; the idle listener feeds it, and
   * so may any extension page. Answers whether the person is now asked about the time away.
   */
  "idle:state": { request: { state: IdleState; since: string }; response: { prompted: boolean } };
}
export type MessageType = keyof MessageMap;

interface Envelope<K extends MessageType = MessageType> {
  hourline: K;
  data: MessageMap[K]["request"];
}
type Reply<K extends MessageType> = { ok: true; value: MessageMap[K]["response"] } | { ok: false; error: string };

export async function sendMessage<K extends MessageType>(
  type: K,
  data: MessageMap[K]["request"],
): Promise<MessageMap[K]["response"]> {
  const envelope: Envelope<K> = { hourline: type, data };
  const reply = await browser.runtime.sendMessage<Envelope<K>, Reply<K> | undefined>(envelope);
  if (!reply) throw new Error(`No answer to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export type Handlers = { [K in MessageType]: (data: MessageMap[K]["request"]) => Promise<MessageMap[K]["response"]> };

/** Registers all handlers with one listener; returns a function that removes it. */
export function onMessages(handlers: Handlers): () => void {
  const listener = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void): boolean => {
    const env = message as Partial<Envelope> | null;
    if (!env || typeof env.hourline !== "string" || !(env.hourline in handlers)) return false;
    const handler = handlers[env.hourline] as (data: unknown) => Promise<unknown>;
    handler(env.data ?? null).then(
      (value) => sendResponse({ ok: true, value }),
      (e: unknown) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
