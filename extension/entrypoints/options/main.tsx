import { render } from "preact";
import "../../assets/style.css";
import { hydrateSession } from "../../state/session";
import { App } from "./App";

void hydrateSession().then(() => {
  const root = document.getElementById("app");
  if (!root) throw new Error("The options page has no #app element");
  render(<App />, root);
});
