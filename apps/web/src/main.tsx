import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppProviders } from "./app/providers";
import { AppRouter } from "./app/router";
import "./styles/tokens.css";
import "./styles/global.css";
import "./styles/components.css";
import "./styles/forms.css";
import "./styles/overlays.css";
import "./styles/screens.css";
import "./styles/review.css";
import "./styles/analysis.css";
import "./styles/trail-admin.css";
// Feature stylesheets load after the base ones, so their rules win without extra specificity.
import "./styles/audit.css";
import "./styles/oversight-admin.css";
import "./styles/explanation.css";
import "./styles/dashboard.css";
import "./styles/dashboard-tables.css";
import "./styles/sheet.css";
import "./styles/gold.css";
import "./styles/system-health.css";
import "./styles/readiness.css";
import "./styles/oversight-charts.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html needs a #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <AppRouter />
    </AppProviders>
  </StrictMode>,
);
