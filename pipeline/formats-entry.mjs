// Worker threads do not inherit the main thread's TypeScript loader (tsx, vitest): register tsx, then load the thread.
import { register } from "tsx/esm/api"

register()
await import("./formats-worker.ts")
