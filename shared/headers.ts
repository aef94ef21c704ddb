// HTTP headers of the worker ↔ extension contract. Apart from contract.ts so that a client that
// needs only these names does not load (and bundle) every zod schema.

/** Response header naming the account a signed-in request was answered for. */
export const ACCOUNT_HEADER = "Hourline-Account";

/**
 * D1 read replication: every answer carries the newest bookmark of the database session it ran in,
 * and a client sends back the newest one it has seen, so it reads its own writes from any replica.
 */
export const BOOKMARK_HEADER = "Hourline-D1-Bookmark";
