// English twin of views/messages/answers.ts.
import type { answers as vi } from "../answers.ts";
import type { Translation } from "../translation.ts";
export const answers: Translation<typeof vi> = {
  heading: "Your answers",
  partEdit: "Edit this part",
  notAnswered: "Not answered",
  reviewLead: "Read your answers below. If something is not right, click “Edit this part” before you submit.",
  afterLead: "These are the answers you submitted. If an answer does not match reality, you can correct it: the score and the plan are recalculated at once.",
  resultLink: "See and correct your answers",
  backToResult: "Back to the result",
  correctHeading: "Correct answers · {title}",
  correctLead: "Change the answers that are not right, then click “Save corrections”. Every correction is recorded (which question, before and after) so the advisor knows.",
  validatedWarning: "This assessment was validated by advisor {name}. If you correct it, it will wait for the advisor to review and validate it again.",
  reason: "Why are you correcting it? (optional)",
  reasonHint: "For example: clicked by mistake; the business has just started using sales software.",
  save: "Save corrections",
  cancel: "Cancel, keep as it was",
  saved: "Saved {n} changes. New score: {score}/100, Level {level} (scale 0–5).",
  savedRecheck: "The assessment has been sent back for the advisor to review and validate again.",
  nothingChanged: "No answer was changed.",
  opened: "This question opened because of your new answer; answer it before saving.",
  recheck: "You corrected your answers after the advisor validated them (on {date}); waiting for the advisor to review them.",
  restartHeading: "Start again from a copy",
  restartLead:
    "If your business has changed a lot, you can start again: a new assessment is created with a new resume code, filled in with these answers for you to correct and submit. This assessment is kept; when you submit the new one, its result replaces this one in the province's figures.",
  restart: "Start again from a copy",
  restartedOn: "You started again from a copy of this assessment on {date}. The new assessment has its own resume code (shown when the copy was made).",
  copyNotice: "This is a copy of your previous assessment, with the answers filled in. Write down this new code.",
  refusals: {
    notSubmitted: "The assessment is not submitted yet: change the answers on the question pages.",
    reasonTooLong: "The reason is longer than 500 characters.",
    invalidAnswers: "An answer is not valid; nothing was changed.",
    notAsked: "This question is not asked of this business.",
    opensQuestions: "This correction opens {n} more questions; answer them, then save again. Nothing was changed.",
  },
  fieldProblems: {
    reasonMax: "at most 500 characters",
    notAsked: "does not apply to this business",
    unanswered: "not answered",
  },
};
