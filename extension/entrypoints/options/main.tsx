import { render } from "preact";
import "../../assets/style.css";
import { hydrateSession } from "../../state/session";
import { hydrateSettings } from "../../state/settings";
import { App } from "./App";

void Promise.all([hydrateSession(), hydrateSettings()]).then(() => {
  const root = document.getElementById("app");
  if (!root) throw new Error("The options page has no #app element");
  render(<App />, root);
});
