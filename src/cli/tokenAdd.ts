// Creates a token for the statistics API and prints it once:
//   npx tsx src/cli/tokenAdd.ts "Cổng dữ liệu tỉnh"
// (DATABASE_PATH as for the server). Revoke with: npx tsx src/cli/tokenAdd.ts --revoke <id>;
// list with --list. Only the sha256 of the token is stored.
import { listTokens, revokeToken } from "../../db/apiTokens.ts";
import { openDatabase } from "../../db/connection.ts";
import { createApiToken } from "../services/apiTokens.ts";

const args = process.argv.slice(2);
const db = openDatabase(process.env.DATABASE_PATH ?? "data/readiness.sqlite");
try {
  if (args[0] === "--list") {
    for (const t of listTokens(db)) console.log(`${t.id}\t${t.name}\ttạo ${t.createdAt}\tdùng lần cuối ${t.lastUsedAt ?? "—"}${t.revokedAt ? `\tĐÃ THU HỒI ${t.revokedAt}` : ""}`);
  } else if (args[0] === "--revoke") {
    const id = Number(args[1]);
    console.log(Number.isInteger(id) && revokeToken(db, id) ? `Đã thu hồi khóa ${id}.` : `Không có khóa đang dùng với mã ${args[1]}.`);
  } else {
    const name = args.join(" ").trim();
    if (name.length < 3) {
      console.error('Cần tên hệ thống dùng khóa, ví dụ: npx tsx src/cli/tokenAdd.ts "Cổng dữ liệu tỉnh"');
      process.exitCode = 2;
    } else {
      const { token, row } = createApiToken(db, name);
      console.log(`Khóa API số ${row.id} cho "${name}" (chỉ hiện một lần, hãy lưu lại ngay):\n${token}\nDùng: Authorization: Bearer <khóa>`);
    }
  }
} finally {
  db.$client.close();
}
