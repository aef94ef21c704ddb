// Settings for idle detection and reminders: off by default, each asks for its permission when
// turned on, and nothing is saved when the browser refuses.
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { App } from "../../extension/entrypoints/options/App";
import { settingsItem } from "../../extension/lib/storage";
import { hydrateSession } from "../../extension/state/session";
import { hydrateSettings } from "../../extension/state/settings";
import { adminMe, memberMe, signInAs } from "./support/fixtures";
import { fakeServer } from "./support/fake-server";

let requested: string[][] = [];
let grant = true;
beforeEach(() => {
  requested = [];
  grant = true;
  location.hash = "settings";
  (fakeBrowser as unknown as { permissions: unknown }).permissions = {
    contains: async () => false,
    request: async (p: { permissions: string[] }) => {
      requested.push(p.permissions);
      return grant;
    },
  };
});

async function openSettings(me = memberMe) {
  fakeServer({ "GET /api/me": { body: me } });
  await signInAs(me);
  await Promise.all([hydrateSession(), hydrateSettings()]);
  return render(<App />);
}

describe("idle detection and reminders settings", () => {
  it("are off by default; turning idle detection on asks for the idle permission and saves the threshold", async () => {
    await openSettings();
    const idle = screen.getByLabelText<HTMLInputElement>(/Ask what to do with time away/);
    expect(idle.checked).toBe(false);
    expect(screen.getByLabelText<HTMLInputElement>(/Remind me when no timer runs/).checked).toBe(false);
    fireEvent.click(idle);
    await screen.findByText("Saved.");
    expect(requested).toEqual([["idle"]]);
    expect((await settingsItem.getValue()).idle).toEqual({ enabled: true, thresholdMinutes: 10 });
    fireEvent.change(screen.getByLabelText("Away for at least (minutes)"), { target: { value: "25" } });
    await waitFor(async () => expect((await settingsItem.getValue()).idle.thresholdMinutes).toBe(25));
  });

  it("reminders ask for the notifications permission and keep the working days and hours", async () => {
    await openSettings(adminMe);
    fireEvent.click(screen.getByLabelText(/Remind me when no timer runs/));
    await screen.findByText("Saved.");
    expect(requested).toEqual([["notifications"]]);
    fireEvent.click(screen.getByLabelText("Sat"));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "08:30" } });
    fireEvent.change(screen.getByLabelText("Every (minutes)"), { target: { value: "45" } });
    await waitFor(async () =>
      expect((await settingsItem.getValue()).reminders).toEqual({
        enabled: true,
        days: [1, 2, 3, 4, 5, 6],
        from: "08:30",
        to: "17:00",
        everyMinutes: 45,
      }),
    );
  });

  it("saves nothing when the browser refuses the permission", async () => {
    grant = false;
    await openSettings();
    fireEvent.click(screen.getByLabelText(/Ask what to do with time away/));
    await screen.findByText("Not saved: the browser did not grant the permission.");
    expect((await settingsItem.getValue()).idle.enabled).toBe(false);
  });
});
