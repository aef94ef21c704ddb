import { render } from "preact";
import "../../assets/style.css";
import { hydrateSession } from "../../state/session";
import { App } from "./App";

void hydrateSession().then(() => {
  render(<App />, document.getElementById("app")!);
});
