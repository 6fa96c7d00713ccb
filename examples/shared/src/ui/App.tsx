import { DemoApp } from "./DemoApp";
import { ViewerApp } from "./ViewerApp";

/** `/watch` is the viewer page (a shared link); every other address is the studio. */
export function App() {
  return window.location.pathname === "/watch" ? <ViewerApp /> : <DemoApp />;
}
