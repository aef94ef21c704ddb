import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoOrganisation } from "../toggl-stand-in/demo.ts";
import { startTogglStandIn, type TogglStandIn } from "../toggl-stand-in/server.ts";
import { ensureDevVars, withEncryptionKey } from "./dev-vars.ts";
import { instructions, pickDemoPeople, type DemoState } from "./instructions.ts";

describe(".dev.vars", () => {
  it("is created with a fresh 32-byte key, then kept as it is", () => {
    const path = join(mkdtempSync(join(tmpdir(), "devvars-")), ".dev.vars");
    expect(ensureDevVars(path)).toBe("created");
    const first = readFileSync(path, "utf8");
    const key = /^TOKEN_ENCRYPTION_KEY=(\S+)$/m.exec(first)?.[1];
    expect(Buffer.from(key!, "base64")).toHaveLength(32);
    expect(ensureDevVars(path)).toBe("kept");
    expect(readFileSync(path, "utf8")).toBe(first);

    const other = join(mkdtempSync(join(tmpdir(), "devvars-")), ".dev.vars");
    expect(ensureDevVars(other)).toBe("created");
    expect(readFileSync(other, "utf8")).not.toBe(first);
  });

  it("gets the key added when it has other settings only", () => {
    const path = join(mkdtempSync(join(tmpdir(), "devvars-")), ".dev.vars");
    writeFileSync(path, "OTHER=1");
    expect(ensureDevVars(path)).toBe("completed");
    expect(readFileSync(path, "utf8")).toMatch(/^OTHER=1\nTOKEN_ENCRYPTION_KEY=\S+\n$/);
    expect(withEncryptionKey("TOKEN_ENCRYPTION_KEY=abc\n", "new")).toEqual({
      text: "TOKEN_ENCRYPTION_KEY=abc\n",
      changed: false,
    });
    expect(withEncryptionKey("TOKEN_ENCRYPTION_KEY=\n", "new").text).toBe(
      "TOKEN_ENCRYPTION_KEY=\nTOKEN_ENCRYPTION_KEY=new\n",
    );
  });
});

describe("the demo organisation and the printed instructions", () => {
  let standIn: TogglStandIn;
  beforeAll(async () => {
    standIn = await startTogglStandIn();
  });
  afterAll(() => standIn.close());

  it("names an admin to sign in first and members, with their tokens", async () => {
    const seeded = await seedDemoOrganisation(standIn.control);
    const people = pickDemoPeople(seeded, (wid, uid) => standIn.state.isAdmin(wid, uid));
    expect(people.length).toBe(Object.keys(seeded.users).length);
    expect(people[0]!.role).toBe("admin");
    // The one signed in first administers every demo workspace, so all of them get connected.
    for (const ws of Object.values(seeded.workspaces))
      expect(standIn.state.isAdmin(ws.id, seeded.users[people[0]!.key]!.id)).toBe(true);
    expect(people.map((p) => p.role)).toEqual(
      [...people.filter((p) => p.role === "admin"), ...people.filter((p) => p.role === "member")].map((p) => p.role),
    );
    expect(people.some((p) => p.role === "member")).toBe(true);
    // The token printed for the admin really is a Toggl token of a workspace admin.
    const res = await fetch(`${standIn.url}/api/v9/me/workspaces`, {
      headers: { authorization: `Basic ${Buffer.from(`${people[0]!.apiToken}:api_token`).toString("base64")}` },
    });
    expect(res.status).toBe(200);
    const workspaces = (await res.json()) as { id: number }[];
    expect(workspaces.some((w) => standIn.state.isAdmin(w.id, seeded.users[people[0]!.key]!.id))).toBe(true);

    const base: DemoState = {
      workerUrl: "http://127.0.0.1:8787",
      standInUrl: standIn.url,
      extensionDir: "/somewhere/.output/chrome-mv3",
      extensionBuilt: true,
      buildLog: ".wrangler/demo/extension-build.log",
      workerLog: ".wrangler/demo/worker.log",
      people,
      connected: ["Northwind Studio", "Northwind Labs"],
      connectProblem: null,
      activityEverySeconds: 5,
      cronEverySeconds: 60,
    };
    const text = instructions(base);
    expect(text).toContain("chrome://extensions");
    expect(text).toContain("Load unpacked → choose /somewhere/.output/chrome-mv3");
    for (const p of people) expect(text).toContain(p.apiToken);
    expect(text).toContain(standIn.url);
    expect(text).toContain("Connected workspaces: Northwind Studio, Northwind Labs");
    expect(text).toContain("Time Logs arrive within seconds");

    const broken = instructions({
      ...base,
      extensionBuilt: false,
      connected: [],
      connectProblem: "POST /api/connections answered 500",
    });
    expect(broken).toContain("build FAILED");
    expect(broken).toContain("NOT connected yet: POST /api/connections answered 500");
  });
});
