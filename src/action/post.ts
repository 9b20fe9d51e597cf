// Entry point of the action's post step (dist/post.js; post-if: always()).
import { runPost } from './run-post.ts';
await runPost();
