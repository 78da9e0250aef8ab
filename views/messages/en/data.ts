// English twin of views/messages/data.ts.
import type { data as vi } from "../data.ts";
import type { Translation } from "../translation.ts";
export const data: Translation<typeof vi> = {
  heading: "My data",
  lead: "This is everything stored about your business. You can download it, correct it, withdraw your consent or erase it.",
  profile: "Profile",
  answers: "See {n} answers",
  answersHeading: "Answers",
  consents: "Consent (history)",
  granted: "Agreed",
  refused: "Did not agree",
  purposes: { report: "Keep the answers to work out the result", statistics: "Use in the province's aggregate statistics", contact: "Let an advisor contact me" },
  methods: { online: "online", in_person: "in person with an advisor" },
  advice: "Requests for advice sent",
  none: "None.",
  download: "Download your data",
  downloadJson: "Download a JSON file",
  downloadCsv: "Download a CSV file (opens in Excel)",
  correct: "Correct the profile",
  correctHint: "Correct the name, tax code or commune/ward. To change the legal form, sector or size, do a new assessment, because the questions and the scoring depend on them.",
  save: "Save changes",
  saved: "Saved.",
  withdraw: "Withdraw or give again",
  statisticsOn: "Stop the use in statistics",
  statisticsOff: "Allow the use in statistics",
  contactOn: "Stop advisors contacting me",
  contactOff: "Allow advisors to contact me",
  erase: "Erase the assessment",
  eraseHint: "Erases the profile, answers, consents and requests for advice of this assessment for good. It cannot be restored. The province's statistics will be recalculated without it.",
  eraseConfirm: "I understand and want to erase it permanently",
  eraseButton: "Erase permanently",
  eraseNeedConfirm: "Tick the confirmation box before erasing.",
  erased: "The assessment and all its data have been erased.",
  erasedTitle: "Erased",
  privacyLink: "Privacy policy",
  dataLink: "My data: see, download, correct, erase",
  privacy: {
    heading: "Privacy and your data",
    sections: [
      {
        h: "Who keeps the data",
        p: "Data controller: {controller}. The data is stored on the province's servers and is not sold or shared with any company.",
      },
      {
        h: "What we collect",
        p: "The business's name, legal form, tax code (if any), commune/ward, sector, number of workers, revenue and capital (if you give them), your answers and your consent. When you ask for advice: a phone number or email address and your message. We do NOT collect ID card numbers, photos of documents or your location.",
      },
      {
        h: "What for",
        p: "To work out your business's digital readiness and make its plan (required). If you agree: to include it in the province's aggregate statistics (published only for groups of 5 businesses or more), and to let an advisor contact you.",
      },
      {
        h: "On your phone or computer",
        p: "The site does not store your name, answers or resume code on the device. It sets only one technical cookie that marks (hashed one way) the assessments you opened on this device, so your device can still open your own assessment when a shared network is temporarily blocked because someone mistyped codes many times. Deleting the cookie does not lose the assessment.",
      },
      {
        h: "Your rights",
        p: "{rights} Use your resume code to open the “My data” page. If you lose the code, contact the Điện Biên Provincial Innovation Centre.",
      },
      {
        h: "Legal basis",
        p: "Law on Personal Data Protection No. 91/2025/QH15 and Decree 356/2025/NĐ-CP (in force from 01/01/2026). Policy version: {version}.",
      },
    ],
    staffAccess: "What staff can see",
    openDataNote: "The province's open data contains only groups of 5 businesses or more, never a row about a single business.",
  },
};
