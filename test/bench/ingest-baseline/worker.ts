// The ingest bench's baseline: a Worker that stores each request body with one bare D1 insert and
// nothing else (no signature, no parsing, no upsert). Hourline's ingest is measured against it.
interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> } };
}

export default {
  async fetch(request: Request, env: { DB: D1Like }): Promise<Response> {
    const body = await request.text();
    await env.DB.prepare("insert into deliveries (id, body) values (?1, ?2)").bind(crypto.randomUUID(), body).run();
    return Response.json({ ok: true });
  },
};
