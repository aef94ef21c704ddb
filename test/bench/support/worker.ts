// The worker as a bench measures it: wrangler's test harness (workerd, local D1 with the
// migrations applied) on a real listener, closed afterwards whatever happens.
import { createTestHarness } from "wrangler";
import { TEST_ENCRYPTION_KEY } from "../../support/encryption-key.ts";

/** The slice of D1's binding the benches use to seed (Node has no Workers types). */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown>; first<T>(): Promise<T | null> } };
}

export async function withWorker<T>(work: (worker: { origin: string; db: D1Like }) => Promise<T>): Promise<T> {
  const harness = createTestHarness({
    workers: [{ configPath: "./wrangler.toml", secrets: { TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } }],
  });
  const { url } = await harness.listen();
  try {
    await harness.getWorker().applyD1Migrations("DB");
    const env = (await harness.getWorker().getEnv()) as { DB: D1Like };
    return await work({ origin: new URL(url).origin, db: env.DB });
  } finally {
    await harness.close();
  }
}
