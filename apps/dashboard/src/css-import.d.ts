/** main.ts imports the stylesheet so that tsup emits it as dashboard.css beside the script. */
declare module "*.css";
