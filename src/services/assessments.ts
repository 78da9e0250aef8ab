// The assessment operations shared by the JSON API, the owner pages and (later) advisors:
// one set of rules, whichever door a request comes through.
import {
  answersOf,
  consentsOf,
  createAssessment as insertAssessment,
  findAssessmentByCodeHash,
  findStampByCodeHash,
  loadQuestionnaireVersion,
  AnswerWriter,
  NotDraftError,
  submitAssessment,
  type AssessmentRow,
  type AssessmentStamp,
  type NewAssessment,
} from "../../db/assessments.ts";
import type { Db } from "../../db/connection.ts";
import type { Content } from "../content/load.ts";
import { checkAnswers, checkEachAnswer } from "../domain/answers.ts";
import type { Consents, Profile } from "../domain/profile.ts";
import type { Questionnaire } from "../domain/questionnaire.ts";
import { formatResumeCode, newResumeCode, parseResumeCode, resumeCodeHash } from "../domain/resumeCode.ts";
import { pillarDrags } from "../domain/explain.ts";
import { roadmapFor } from "./plan.ts";
import { profileFacts, scoreOf } from "./scores.ts";
import type { ConsentMethod } from "../domain/vocabularies.ts";
import type { NextLevelOutlook } from "../domain/roadmap.ts";
import { applicableQuestions, selectedOptions, type Answers, type ScoreDetail } from "../domain/scoring.ts";
import { sizeClass } from "../domain/sizeClass.ts";
import { staffById } from "../../db/staff.ts";
import { fmt, msg } from "../../views/messages.ts";

export interface AppError {
  status: 400 | 404 | 409 | 422;
  code: string;
  message: string;
  fields?: Record<string, string>;
  /** Finer than `code`, for pages that say more than the API does; the API does not send it. */
  reason?: "mistyped_code";
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
const fail = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });

export interface Services {
  db: Db;
  content: Content;
  questionnaireByHash(hash: string): Questionnaire;
  /** Owners' autosaves, committed in groups (one fsync for many owners). */
  answerWriter: AnswerWriter;
}

export function createServices(db: Db, content: Content): Services {
  const cache = new Map(content.questionnaires.map((q) => [q.hash, q]));
  return {
    db,
    content,
    answerWriter: new AnswerWriter(db),
    questionnaireByHash(hash) {
      let q = cache.get(hash);
      if (!q) {
        q = loadQuestionnaireVersion(db, hash);
        if (!q) throw new Error(`questionnaire version ${hash} is missing from the database`);
        cache.set(hash, q);
      }
      return q;
    },
  };
}

export { profileFacts, scoreOf } from "./scores.ts";

/** How answers captured elsewhere start their assessment. */
export interface CapturedStart {
  capture: "paper" | "offline";
  clientId: string;
  capturedAt: string;
  syncedAt: string;
  /** The resume code the device gave the owner (canonical form). */
  code?: string;
  /** The version the answers were captured on. */
  questionnaire: Questionnaire;
  /** The consent text the owner was shown. */
  policyVersion: string;
}

export function startAssessment(
  s: Services,
  profile: Profile,
  consents: Consents,
  method: ConsentMethod = "online",
  /** An advisor's session: the business followed, the round, and who ran it (and recorded consent). */
  guided: Pick<NewAssessment, "businessId" | "round" | "previousAssessmentId"> & { staffId: number } | null = null,
  /** Answers captured elsewhere (an advisor's device, a paper form): see services/captured.ts. */
  captured: CapturedStart | null = null,
): Result<{ code: string; row: AssessmentRow; codeTaken: boolean }> {
  if (!s.content.communeById.has(profile.communeId))
    return fail({
      status: 422,
      code: "unknown_commune",
      message: msg().answers.answeringRefusals.unknownCommune,
      fields: { "profile.communeId": msg().answers.answeringRefusals.pickCommune },
    });
  const size = sizeClass(profile, s.content.sizeThresholds);
  const q = captured?.questionnaire ?? s.content.current;
  let codeTaken = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    // A code made on the device is the one the owner was given; only if it is taken, a new one.
    const code = attempt === 0 && captured?.code ? captured.code : newResumeCode();
    try {
      const row = insertAssessment(
        s.db,
        {
          codeHash: resumeCodeHash(code),
          questionnaireHash: q.hash,
          questionnaireId: q.id,
          questionnaireVersion: q.version,
          businessName: profile.name,
          legalForm: profile.legalForm,
          taxCode: profile.taxCode ?? null,
          communeId: profile.communeId,
          activityGroup: profile.activityGroup,
          sector: profile.sector,
          staff: profile.staff,
          revenueBnVnd: profile.revenueBnVnd ?? null,
          capitalBnVnd: profile.capitalBnVnd ?? null,
          sizeClass: size.sizeClass,
          sizeBasis: size.basis,
          ...(guided
            ? {
                method: "guided" as const,
                createdByStaffId: guided.staffId,
                businessId: guided.businessId,
                round: guided.round,
                previousAssessmentId: guided.previousAssessmentId,
              }
            : {}),
          ...(captured ? { capture: captured.capture, clientId: captured.clientId, capturedAt: captured.capturedAt, syncedAt: captured.syncedAt } : {}),
        },
        consents,
        captured?.policyVersion ?? s.content.consent.policyVersion,
        method,
        guided?.staffId ?? null,
        captured?.capturedAt,
      );
      return { ok: true, value: { code, row, codeTaken } };
    } catch (e) {
      // A code collision (55 random bits) is astronomically rare; try a fresh code.
      if (!(e instanceof Error && /UNIQUE constraint failed: assessments.code_hash/.test(e.message))) throw e;
      if (attempt === 0 && captured?.code) codeTaken = true;
    }
  }
  throw new Error("could not allocate a resume code");
}

/** The resume code typed or in an address, checked, and the hash it is stored under. */
function codeInput(input: string): Result<{ code: string; hash: string }> {
  const parsed = parseResumeCode(input);
  if (!parsed.ok)
    return fail({
      status: parsed.reason === "check" ? 404 : 400,
      code: parsed.reason === "check" ? "not_found" : "invalid_code",
      // A code whose check symbol fails was typed wrong rather than never given out.
      ...(parsed.reason === "check" ? { reason: "mistyped_code" as const } : {}),
      message:
        parsed.reason === "check" ? msg().answers.answeringRefusals.mistypedCode : msg().answers.answeringRefusals.badCode,
    });
  return { ok: true, value: { code: parsed.code, hash: resumeCodeHash(parsed.code) } };
}

const notFound = () => fail({ status: 404, code: "not_found", message: msg().answers.answeringRefusals.notFound });

export function findByCode(s: Services, input: string): Result<{ code: string; row: AssessmentRow }> {
  const c = codeInput(input);
  if (!c.ok) return c;
  const row = findAssessmentByCodeHash(s.db, c.value.hash);
  return row ? { ok: true, value: { code: c.value.code, row } } : notFound();
}

/** The stamp of the assessment behind a code: enough to answer with a kept page (src/http/pageMemo.ts). */
export function findStampByCode(s: Services, input: string): Result<{ code: string; stamp: AssessmentStamp }> {
  const c = codeInput(input);
  if (!c.ok) return c;
  const stamp = findStampByCodeHash(s.db, c.value.hash);
  return stamp ? { ok: true, value: { code: c.value.code, stamp } } : notFound();
}

export async function saveAnswers(s: Services, row: AssessmentRow, changes: Record<string, unknown>): Promise<Result<{ saved: number }>> {
  if (row.status === "submitted")
    return fail({ status: 409, code: "already_submitted", message: msg().answers.answeringRefusals.submittedNoChange });
  const q = s.questionnaireByHash(row.questionnaireHash);
  const checked = checkAnswers(q, changes);
  if (!checked.ok)
    return fail({
      status: 422,
      code: "invalid_answers",
      message: msg().answers.answeringRefusals.invalidAnswers,
      fields: Object.fromEntries(Object.entries(checked.fields).map(([k, v]) => [`answers.${k}`, v])),
    });
  try {
    await s.answerWriter.save(row.id, checked.changes);
  } catch (e) {
    if (e instanceof NotDraftError)
      return fail({ status: 409, code: "already_submitted", message: msg().answers.answeringRefusals.submittedNoChange });
    throw e;
  }
  return { ok: true, value: { saved: Object.keys(checked.changes).length } };
}

/**
 * A page of answers as an owner sends it: the valid answers are saved even when one is refused,
 * so a mistake on one question never costs the others; the refused ones come back with the reason.
 */
export async function saveEachAnswer(
  s: Services,
  row: AssessmentRow,
  changes: Record<string, unknown>,
): Promise<Result<{ saved: number; refused: Record<string, string> }>> {
  if (row.status === "submitted")
    return fail({ status: 409, code: "already_submitted", message: msg().answers.answeringRefusals.submittedNoChange });
  const checked = checkEachAnswer(s.questionnaireByHash(row.questionnaireHash), changes);
  try {
    if (Object.keys(checked.changes).length) await s.answerWriter.save(row.id, checked.changes);
  } catch (e) {
    if (e instanceof NotDraftError)
      return fail({ status: 409, code: "already_submitted", message: msg().answers.answeringRefusals.submittedNoChange });
    throw e;
  }
  return { ok: true, value: { saved: Object.keys(checked.changes).length, refused: checked.refused } };
}

export function submit(s: Services, row: AssessmentRow): Result<ScoreDetail> {
  if (row.status === "submitted")
    return fail({ status: 409, code: "already_submitted", message: msg().answers.answeringRefusals.alreadySubmitted });
  const detail = scoreOf(s, row);
  if (detail.unanswered.length)
    return fail({
      status: 422,
      code: "incomplete",
      message: fmt(msg().answers.answeringRefusals.incomplete, { n: detail.unanswered.length }),
      fields: Object.fromEntries(detail.unanswered.map((id) => [`answers.${id}`, msg().answers.answeringRefusals.unanswered])),
    });
  if (!submitAssessment(s.db, row.id, detail))
    return fail({ status: 409, code: "already_submitted", message: msg().answers.answeringRefusals.alreadySubmitted });
  return { ok: true, value: detail };
}

/**
 * Self-assessed, or checked with the owner by a named advisor ("advisor-validated"): shown on the
 * result, the PDF, the API and counted apart in every aggregate.
 */
export function validationOf(s: Services, row: AssessmentRow) {
  const by = row.validatedByStaffId === null ? undefined : staffById(s.db, row.validatedByStaffId);
  return { method: row.method, validated: row.validatedAt !== null, validatedAt: row.validatedAt, validatedBy: by?.name ?? null };
}

/** Everything the API returns about one assessment. */
export function assessmentView(s: Services, code: string, row: AssessmentRow) {
  const q = s.questionnaireByHash(row.questionnaireHash);
  const answers = answersOf(s.db, row.id);
  const consents = consentsOf(s.db, row.id);
  const applicable = applicableQuestions(q, profileFacts(row), answers).filter((x) => x.asked);
  const answered = applicable.filter((x) => answers[x.question.id] !== undefined).length;
  const detail = row.status === "submitted" ? scoreOf(s, row, answers) : null;
  return {
    code: formatResumeCode(code),
    status: row.status,
    questionnaire: { id: row.questionnaireId, version: row.questionnaireVersion, hash: row.questionnaireHash },
    profile: {
      name: row.businessName,
      legalForm: row.legalForm,
      taxCode: row.taxCode,
      communeId: row.communeId,
      activityGroup: row.activityGroup,
      sector: row.sector,
      staff: row.staff,
      revenueBnVnd: row.revenueBnVnd,
      capitalBnVnd: row.capitalBnVnd,
      sizeClass: row.sizeClass,
      sizeBasis: row.sizeBasis,
    },
    consents: {
      report: consents.get("report")?.granted ?? false,
      statistics: consents.get("statistics")?.granted ?? false,
      contact: consents.get("contact")?.granted ?? false,
      policyVersion: consents.get("report")?.policyVersion ?? s.content.consent.policyVersion,
    },
    answers,
    progress: { answered, total: applicable.length },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    validation: validationOf(s, row),
    scores: detail
      ? {
          overall: detail.overall,
          pillars: detail.pillars.map((p) => ({ id: p.id, score: p.score })),
          nationalLevel: detail.nationalLevel,
          euBand: detail.euBand,
          usesDigitalPlatforms: detail.usesDigitalPlatforms,
        }
      : undefined,
  };
}

/** Answer labels as a person reads them ("Chưa trả lời" when empty). */
export function answerLabel(q: Questionnaire, questionId: string, value: Answers[string] | undefined): string {
  const question = q.questions.find((x) => x.id === questionId);
  const picked = selectedOptions(value);
  if (!question || picked.length === 0) return msg().answers.notAnswered;
  return question.options
    .filter((o) => picked.includes(o.id))
    .map((o) => o.label)
    .join("; ");
}

/**
 * What the score is, and where its weights and cut-offs come from, as the assessment's version says
 * it. Version 1.0 did not say it; its weights are the same, so the version in force speaks for it.
 */
export function framingOf(s: Services, q: Questionnaire) {
  const current = s.content.current;
  return {
    statement: q.framing ?? current.framing ?? null,
    weightsSource: q.weightsSource ?? current.weightsSource ?? null,
    levelsSource: q.levelsSource,
  };
}

/**
 * The next level as the result page, the PDF and the API state it, from the advice's one outlook:
 * reached by the plan's first steps (how many, the score after them), beyond what the plan reaches
 * (the plan's size and the score once it is all done), or already the top level.
 */
export function nextLevelOf(q: Questionnaire, o: NextLevelOutlook) {
  if (o.status === "top_level")
    return { status: o.status, targetLevel: null, targetName: null, targetMeaning: null, targetScore: null, scoreAfter: null, steps: 0 };
  const level = q.levels.find((l) => l.level === o.targetLevel)!;
  const common = { targetLevel: level.level, targetName: level.name, targetMeaning: level.meaning, targetScore: o.targetScore };
  return o.status === "reached_by_plan"
    ? { status: o.status, ...common, scoreAfter: o.scoreAfter, steps: o.actionIds.length }
    : { status: o.status, ...common, scoreAfter: o.scoreAfterPlan, steps: o.planSteps };
}

/** The explained result of a submitted assessment, as the result page, the PDF and the API show it. */
export function liftAndDrags(s: Services, row: AssessmentRow) {
  const q = s.questionnaireByHash(row.questionnaireHash);
  const answers = answersOf(s.db, row.id);
  const detail = scoreOf(s, row, answers);
  const drags = pillarDrags(detail, 3);
  const roadmap = roadmapFor(s, row);
  const lift = roadmap.liftOneLevel;
  const stepById = new Map(roadmap.actions.map((a) => [a.id, a]));
  const level = q.levels.find((l) => l.level === detail.nationalLevel)!;
  const band = q.euBands.find((b) => b.id === detail.euBand)!;
  const textOf = new Map(q.questions.map((x) => [x.id, x.text]));
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    scores: {
      overall: detail.overall,
      pillars: detail.pillars.map((p) => ({ id: p.id, score: p.score })),
      nationalLevel: detail.nationalLevel,
      euBand: detail.euBand,
      usesDigitalPlatforms: detail.usesDigitalPlatforms,
    },
    validation: validationOf(s, row),
    level: { level: level.level, name: level.name, gloss: level.gloss ?? null, meaning: level.meaning, provisional: q.levelsStatus === "provisional" },
    // A reference banding: our pillars are Decision 2158's, not the EU tool's dimensions.
    euBand: { id: band.id, name: band.name, score: detail.euScore, basis: q.euBandBasis ?? ("overall" as const), reference: true as const },
    framing: framingOf(s, q),
    pillars: q.pillars.map((p) => ({
      id: p.id,
      name: p.name,
      score: detail.pillars.find((x) => x.id === p.id)!.score,
      weight: p.weight,
      provisional: p.status === "provisional",
      drags: (drags.get(p.id) ?? []).map((c) => ({
        questionId: c.questionId,
        question: textOf.get(c.questionId)!,
        answer: answerLabel(q, c.questionId, answers[c.questionId]),
        pointsLost: round2(c.overallPointsLost),
      })),
    })),
    contributions: detail.contributions.map((c) => ({
      questionId: c.questionId,
      pillarId: c.pillarId,
      earned: c.earned,
      possible: c.possible,
      overallPointsLost: round2(c.overallPointsLost),
    })),
    // The plan's first steps, in plan order: the same computation as the plan, so they never disagree.
    liftOneLevel: lift
      ? {
          targetLevel: lift.targetLevel,
          targetScore: lift.targetScore,
          scoreAfter: lift.scoreAfter,
          steps: lift.actionIds.map((id) => {
            const a = stepById.get(id)!;
            return {
              actionId: a.id,
              questionId: a.raises[0]!.questionId,
              optionId: a.raises[0]!.optionId,
              action: a.title,
              effort: a.effort,
              gain: a.gain,
              ownerShareVnd: a.ownerShareVnd,
              costPer: a.costPer,
            };
          }),
        }
      : null,
    /** Steps in the plan, and the score once all are done (when the plan alone does not reach the next level, the result says so). */
    planSteps: roadmap.actions.length,
    scoreAfterPlan: roadmap.scoreAfterPlan,
    nextLevel: nextLevelOf(q, roadmap.nextLevel),
  };
}
