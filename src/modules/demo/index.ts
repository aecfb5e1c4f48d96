export { seedDemoData, loadDemo } from "./demo.seed.js";
export { demoId } from "./demo.ids.js";
