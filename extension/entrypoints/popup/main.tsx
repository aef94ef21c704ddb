import { render } from "preact";
import "../../assets/style.css";
import { hydrateInvitations } from "../../state/invitations";
import { hydrateSession } from "../../state/session";
import { hydrateSummary } from "../../state/summary";
import { hydrateTags } from "../../state/tags";
import { hydrateTasks } from "../../state/tasks";
import { hydrateTimer } from "../../state/timer";
import { App } from "./App";

// Paint from storage first (a few ms), then the components refresh from the network.
void Promise.all([
  hydrateSession(),
  hydrateTimer(),
  hydrateTasks(),
  hydrateSummary(),
  hydrateTags(),
  hydrateInvitations(),
]).then(() => {
  const root = document.getElementById("app");
  if (!root) throw new Error("The popup has no #app element");
  render(<App />, root);
});
