import { render } from "preact";
import "../../assets/style.css";
import { hydrateSession } from "../../state/session";
import { hydrateTasks } from "../../state/tasks";
import { hydrateTimer } from "../../state/timer";
import { App } from "./App";

// Paint from storage first (a few ms), then the components refresh from the network.
void Promise.all([hydrateSession(), hydrateTimer(), hydrateTasks()]).then(() => {
  render(<App />, document.getElementById("app")!);
});
