// English twin of views/messages/problems.ts.
import type { problems as vi } from "../problems.ts";
import type { Translation } from "../translation.ts";
export const problems: Translation<typeof vi> = {
  titles: {
    400: "Invalid request",
    403: "Request refused",
    413: "Data too large",
    415: "Wrong kind of data",
    500: "Something went wrong",
    other: "The request could not be carried out",
  },
  badRequest: "Invalid request.",
  malformedBody: "The data sent could not be read (malformed JSON or form).",
  tooLarge: "The data sent is too large.",
  tooLargeMax: "The data sent is too large (at most {kb} KB).",
  jsonOnly: "Data must be sent as JSON (Content-Type: application/json).",
  internal: "Something went wrong on the server. Please try again.",
  noSuchAddress: "There is no such address.",
  crossSite: "Request refused because it was not sent from the service's own pages. Reopen the page and try again.",
  invalidInput: "The data sent is not valid.",
  invalidFilter: "Invalid filter.",
  invalidBusinessId: "The business number must be a positive whole number.",
  noSuchBusiness: "There is no such business.",
  noSuchTable: "There is no such table.",
  noSuchOpenTable: "There is no such table. The tables are: {tables}.",
  needsApiKey: "A valid API key is needed (Authorization: Bearer …).",
  needsStaffSignIn: "You need to sign in with a staff account.",
  roleNotAllowed: "Your role may not use this function.",
  advisorsOnly: "Only advisors can use the field app.",
};
