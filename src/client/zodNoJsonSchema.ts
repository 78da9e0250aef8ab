// zod's JSON Schema converters as the device sees them: absent (see build.ts). Nothing on the
// device converts a schema; reaching one of these is a bug, and says so.
const absent = (): never => {
  throw new Error("zod JSON Schema conversion is not part of the offline app");
};
export const toJSONSchema = absent;
export const fromJSONSchema = absent;
export const createToJSONSchemaMethod = () => absent;
export const createStandardJSONSchemaMethod = () => absent;
export const allProcessors = {};
export class JSONSchemaGenerator {
  constructor() {
    absent();
  }
}
