// Online backup while writes continue, then a restore that matches the backup.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import Database from "better-sqlite3";
import { backupDatabase } from "../../src/cli/backup.ts";
import { openDatabase } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { consents, content, json, profile, tempDir } from "../helpers.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

it("backs up while owners keep saving, and the restored copy is identical to the backup", async () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const dbPath = join(t.dir, "live.sqlite");
  const db = openDatabase(dbPath);
  const app = createApp({ db, content: content() });
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  const answers = answerAll(content().current, facts, pickMixed);
  const ids = Object.keys(answers);
  const codes: string[] = [];
  for (let i = 0; i < 30; i++)
    codes.push(((await (await app.request("/api/v1/assessments", json({ profile: profile({ name: `Hộ số ${i}` }), consents }))).json()) as any).code);

  // Writers keep going during the backup.
  let writing = true;
  let writes = 0;
  const failures: number[] = [];
  const writer = (async () => {
    while (writing) {
      const code = codes[writes % codes.length]!;
      const qid = ids[writes % ids.length]!;
      const res = await app.request(`/api/v1/assessments/${code}/answers`, json({ answers: { [qid]: answers[qid] } }, "PUT"));
      if (res.status !== 200) failures.push(res.status);
      writes++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  await new Promise((r) => setTimeout(r, 100));
  const backupPath = join(t.dir, "backup.sqlite");
  const before = writes;
  const result = await backupDatabase(dbPath, backupPath);
  const during = writes - before;
  await new Promise((r) => setTimeout(r, 50));
  writing = false;
  await writer;
  db.$client.close();
  expect(before).toBeGreaterThan(0);
  expect(writes).toBeGreaterThan(before + during); // the service kept writing after the backup
  expect(failures).toEqual([]);
  expect(result.pages).toBeGreaterThan(0);

  // Restore: copy the backup where the service expects its database, open it as the server does.
  const restoredPath = join(t.dir, "restored.sqlite");
  copyFileSync(backupPath, restoredPath);
  const restored = openDatabase(restoredPath);
  const backup = new Database(backupPath, { readonly: true });
  for (const table of ["assessments", "answers", "consents", "questionnaire_versions"]) {
    const a = backup.prepare(`select * from ${table} order by 1, 2`).all();
    const b = restored.$client.prepare(`select * from ${table} order by 1, 2`).all();
    expect(b).toEqual(a);
  }
  expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
  expect((backup.prepare("select count(*) n from assessments").get() as any).n).toBe(30);
  backup.close();
  restored.$client.close();
});
