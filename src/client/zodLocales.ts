// zod's locales as the device sees them: Vietnamese only (see build.ts).
export { default as vi } from "zod/v4/locales/vi.js";
