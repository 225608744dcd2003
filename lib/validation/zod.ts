import { z } from "zod";

// Zod compiles object parsers with `new Function` where it may. Podium's
// Content-Security-Policy forbids eval, and zod's probe for it is itself
// reported as a violation, so the schemas (also run in the browser) parse
// without it; for forms and payloads this small the difference is nil.
z.config({ jitless: true });

export { z };
