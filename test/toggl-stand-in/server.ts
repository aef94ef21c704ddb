import { createServer, type Server } from "node:http";

export interface TogglStandIn {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startTogglStandIn(options: { port?: number; host?: string } = {}): Promise<TogglStandIn> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify("Resource can not be found"));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
