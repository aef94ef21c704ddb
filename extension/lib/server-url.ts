// Which Hourline server the extension may talk to. Sessions and Toggl tokens travel to it, so it
// must be https — except a server on this computer (loopback), which nothing on the network sees.

export type ServerUrlCheck = { ok: true; origin: string } | { ok: false; reason: string };

/** 127.0.0.0/8, localhost (and *.localhost), ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** The origin to use for a server address typed by a person, or why it is refused. */
export function checkServerUrl(input: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: "Enter a full address such as https://hourline.example.com" };
  }
  if (url.protocol === "https:") return { ok: true, origin: url.origin };
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return { ok: true, origin: url.origin };
  if (url.protocol === "http:") {
    return {
      ok: false,
      reason: `Use https:// for ${url.host}: your session and Toggl token would travel in clear text over http. Only a server on this computer (127.0.0.1, localhost) may use http://.`,
    };
  }
  return { ok: false, reason: "The server address must start with https://" };
}
