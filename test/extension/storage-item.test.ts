import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { startEarlyRead } from "../../extension/lib/early-read";
import { defineItem, getValues } from "../../extension/lib/storage-item";

describe("storage items", () => {
  it("read as their fallback until stored, and again once removed or set to null", async () => {
    const item = defineItem<string | null>("example-token", null);
    const list = defineItem<string[]>("example-list", []);
    expect(await item.getValue()).toBeNull();
    expect(await list.getValue()).toEqual([]);

    await item.setValue("abc");
    await list.setValue(["a"]);
    expect(await fakeBrowser.storage.local.get(["example-token", "example-list"])).toEqual({
      "example-token": "abc",
      "example-list": ["a"],
    });
    expect(await item.getValue()).toBe("abc");

    await item.setValue(null);
    await list.removeValue();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await list.getValue()).toEqual([]);
  });

  it("tell watchers of real changes only, with the fallback for a removed value", async () => {
    const item = defineItem<string[]>("example-list", []);
    const seen: [string[], string[]][] = [];
    const unwatch = item.watch((value, old) => seen.push([value, old]));
    await item.setValue(["a"]);
    await item.setValue(["a"]); // the same value again: no change
    await item.removeValue();
    unwatch();
    await item.setValue(["b"]);
    expect(seen).toEqual([
      [["a"], []],
      [[], ["a"]],
    ]);
  });

  it("reads several items in one call, in the order asked, falling back per item", async () => {
    const a = defineItem<string>("example-a", "fallback-a");
    const b = defineItem<number | null>("example-b", null);
    await b.setValue(7);
    const get = vi.spyOn(fakeBrowser.storage.local, "get");
    expect(await getValues([b, a])).toEqual([7, "fallback-a"]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("make no storage call when they are defined", async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, "get");
    defineItem<string>("example-defined", "x");
    await Promise.resolve();
    expect(get).not.toHaveBeenCalled();
  });
});

describe("the popup's early storage read", () => {
  it("is taken once, by the first batched read, with the changes made since it started", async () => {
    const timer = defineItem<string | null>("example-timer", null);
    const tags = defineItem<string[]>("example-tags", []);
    await timer.setValue("running");
    await tags.setValue(["a"]);
    startEarlyRead();
    // Stopped and retagged elsewhere after the read started, before the app took it.
    await timer.removeValue();
    await tags.setValue(["b"]);
    const get = vi.spyOn(fakeBrowser.storage.local, "get");
    expect(await getValues([timer, tags])).toEqual([null, ["b"]]);
    expect(get).not.toHaveBeenCalled();

    // Later reads go to storage again.
    expect(await getValues([tags])).toEqual([["b"]]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("is not there unless the page started it", async () => {
    const item = defineItem<string>("example-a", "fallback");
    const get = vi.spyOn(fakeBrowser.storage.local, "get");
    expect(await getValues([item])).toEqual(["fallback"]);
    expect(get).toHaveBeenCalledTimes(1);
  });
});
