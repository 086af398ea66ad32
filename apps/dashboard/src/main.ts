import "./dashboard.css";
import { startDashboard } from "./app.js";

const root = document.getElementById("app");
if (root) startDashboard(root, window);
