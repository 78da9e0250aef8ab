// npm run backup -- <file>: an online backup of the SQLite database with SQLite's backup API,
// safe while the service keeps writing. Restore: see README ("Backup and restore").
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { parseConfig } from "../config.ts";

export async function backupDatabase(source: string, target: string): Promise<{ pages: number; ms: number }> {
  const started = Date.now();
  const db = new Database(source, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    let pages = 0;
    await db.backup(target, {
      // Copy in steps so writers are never blocked for long.
      progress: ({ totalPages }) => {
        pages = totalPages;
        return 200;
      },
    });
    const check = new Database(target, { readonly: true });
    const ok = check.pragma("integrity_check", { simple: true });
    check.close();
    if (ok !== "ok") throw new Error(`bản sao lưu không toàn vẹn: ${String(ok)}`);
    return { pages, ms: Date.now() - started };
  } finally {
    db.close();
  }
}

async function main() {
  const target = process.argv[2];
  if (!target) {
    console.error("Cách dùng: npm run backup -- <tệp-sao-lưu.sqlite>");
    process.exit(2);
  }
  if (existsSync(target)) {
    console.error(`Tệp ${target} đã có; chọn tên khác để không ghi đè.`);
    process.exit(2);
  }
  const config = parseConfig(process.env);
  const r = await backupDatabase(config.databasePath, resolve(target));
  console.log(`Đã sao lưu ${config.databasePath} → ${target} (${r.pages} trang, ${r.ms} ms, integrity_check ok)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
