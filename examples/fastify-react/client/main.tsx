import { App } from "@examples/shared/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@examples/shared/ui/styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
