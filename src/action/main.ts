// Entry point of the action's main step (dist/index.js).
import { runMain } from './run-main.ts';
await runMain();
