// The revision behind kept owner pages (migration 0007, db/assessments.ts findStampByCodeHash):
// any write to an assessment, its answers or its consents must give it a new revision, or an owner
// would be shown a page from before their last change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/connection.ts";
import { createAssessment, findStampByCodeHash, mergeAnswers, saveQuestionnaireVersion, type AssessmentRow } from "../../db/assessments.ts";
import { content, tempDir } from "../helpers.ts";

let db: Db;
let cleanup: () => void;
let a: AssessmentRow;
let b: AssessmentRow;
const q = () => content().current;

function make(name: string): AssessmentRow {
  return createAssessment(
    db,
    {
      codeHash: `hash-${name}`,
      questionnaireHash: q().hash,
      questionnaireId: q().id,
      questionnaireVersion: q().version,
      businessName: name,
      legalForm: "household",
      taxCode: null,
      communeId: "muong_ang",
      activityGroup: "agriculture",
      sector: "ocop",
      staff: 2,
      sizeClass: "micro",
      sizeBasis: "staff_only",
    },
    { report: true, statistics: true, contact: false },
    "test",
    "online",
  );
}
const revision = (row: AssessmentRow) => findStampByCodeHash(db, row.codeHash)!.revision;
const run = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).run(...params);

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = openDatabase(`${t.dir}/revisions.sqlite`);
  saveQuestionnaireVersion(db, q());
  a = make("A");
  b = make("B");
});
afterAll(() => {
  db.$client.close();
  cleanup();
});

describe("page revision", () => {
  it("rises with every write to the assessment, its answers and its consents, and only its own", () => {
    const question = q().questions[0]!;
    const writes: [string, () => void][] = [
      ["answer saved", () => mergeAnswers(db, a.id, { [question.id]: question.options[0]!.id })],
      ["answer changed", () => mergeAnswers(db, a.id, { [question.id]: question.options[1]!.id })],
      ["answer removed", () => run("delete from answers where assessment_id = ? and question_id = ?", a.id, question.id)],
      ["consent recorded", () => run("insert into consents (assessment_id, purpose, granted, policy_version, method, recorded_at) values (?, 'statistics', 0, 'test', 'online', 'now')", a.id)],
      ["consent record changed", () => run("update consents set granted = 1 where assessment_id = ? and purpose = 'statistics'", a.id)],
      ["profile corrected", () => run("update assessments set business_name = 'A mới' where id = ?", a.id)],
      ["validated", () => run("update assessments set validated_at = 'now' where id = ?", a.id)],
    ];
    for (const [what, write] of writes) {
      const before = revision(a);
      const other = revision(b);
      write();
      expect(revision(a), what).toBeGreaterThan(before);
      expect(revision(b), what).toBe(other);
    }
  });

  it("carries the peer group's version and the validating advisor's name", () => {
    const before = findStampByCodeHash(db, a.codeHash)!;
    run("insert into stat_peer_versions (sector, size_class, v) values ('ocop', 'micro', 1) on conflict do update set v = v + 1");
    run("insert into staff (email, name, role, password_hash, created_at) values ('mai@dienbien.gov.vn', 'Quàng Thị Mai', 'advisor', 'x', 'now')");
    run("update assessments set validated_by_staff_id = (select id from staff where email = 'mai@dienbien.gov.vn') where id = ?", a.id);
    const after = findStampByCodeHash(db, a.codeHash)!;
    expect(after.peerVersion).toBeGreaterThan(before.peerVersion);
    expect(after.validatedBy).toBe("Quàng Thị Mai");
  });

  it("goes with the assessment when it is erased, answers and all", () => {
    mergeAnswers(db, b.id, { [q().questions[0]!.id]: q().questions[0]!.options[0]!.id });
    run("delete from assessments where id = ?", b.id);
    expect(findStampByCodeHash(db, b.codeHash)).toBeUndefined();
    expect(db.$client.prepare("select count(*) n from assessment_revisions where assessment_id = ?").get(b.id)).toEqual({ n: 0 });
  });
});
