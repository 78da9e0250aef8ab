// Wires environment, database, content and the HTTP server. No rules live here.
import { serve } from "@hono/node-server";
import { parseConfig } from "./config.ts";
import { loadContent } from "./content/load.ts";
import { openDatabase } from "../db/connection.ts";
import { createApp } from "./http/app.ts";
import { createLogger } from "./http/logging.ts";
import { closeReportPool, sharedReportPool } from "./pdf/pool.ts";
import { KeptReports, rendererFingerprint } from "./pdf/keptReports.ts";
import { serverKeys } from "./services/serverKeys.ts";
import { findAssessmentById } from "../db/assessments.ts";
import { fieldAssets } from "./http/assets.ts";

function main() {
  let config, content, db;
  try {
    config = parseConfig(process.env);
    content = loadContent(config.contentDir);
    db = openDatabase(config.databasePath);
  } catch (e) {
    // The logger's level is part of the configuration that just failed: no logger exists yet.
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  // Reports kept ready for owners (sealed with their code; see src/pdf/keptReports.ts).
  const keptReports =
    config.reportStoreMb > 0
      ? new KeptReports({ dir: config.reportDir, sealKey: serverKeys(config.sessionSecret).keptReports, fingerprint: rendererFingerprint(config.contentDir), maxBytes: config.reportStoreMb * 2 ** 20 })
      : undefined;
  keptReports?.load((id) => findAssessmentById(db, id) !== undefined);
  const app = createApp({ keptReports, db, content, logger, proxyTrust: config.proxyTrust, sessionSecret: config.sessionSecret, publicUrl: config.publicUrl, secureCookies: config.nodeEnv === "production" });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(
      `Đang chạy tại http://${info.address}:${info.port} — bộ câu hỏi ${content.current.id} ${content.current.version} (${content.current.questions.length} câu), CSDL ${config.databasePath}`,
    );
  });
  // Load the PDF renderer now, so the first owner to download a report does not wait for it.
  void sharedReportPool().warm();
  // Build the advisor's offline app now too (it bundles the scoring and advice code).
  void fieldAssets();
  // SIGTERM: stop accepting, let in-flight requests finish, then close the database.
  const stop = () => {
    logger.info("shutting down");
    server.close(() => {
      db.$client.close();
      void closeReportPool().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
