// Creates a staff account from the command line (the first admin, or any account later):
//   npx tsx src/cli/userAdd.ts --role admin --email an@dienbien.gov.vn --name "Nguyễn Văn An"
// The password is read from STAFF_PASSWORD, or asked without echo. There is no default password.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { openDatabase } from "../../db/connection.ts";
import { parseConfig } from "../config.ts";
import { createStaffAccount } from "../services/staffAccounts.ts";
import { wordAccountRefusal } from "../../views/staff/accountRefusal.ts";

const USAGE = 'Cách dùng: npx tsx src/cli/userAdd.ts --role admin|advisor|department --email <thư điện tử> --name "<họ tên>"\n(mật khẩu lấy từ biến STAFF_PASSWORD, hoặc được hỏi khi chạy)';

/** Ask on the terminal without echoing what is typed. */
function askHidden(question: string): Promise<string> {
  let muted = false;
  const out = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input: process.stdin, output: out, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

async function readPassword(): Promise<string> {
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  if (!process.stdin.isTTY) throw new Error("Không có STAFF_PASSWORD và không có bàn phím để hỏi mật khẩu.");
  const first = await askHidden("Mật khẩu (ít nhất 12 ký tự): ");
  const again = await askHidden("Nhập lại mật khẩu: ");
  if (first !== again) throw new Error("Hai lần nhập mật khẩu không giống nhau.");
  return first;
}

async function main() {
  let args;
  try {
    args = parseArgs({ options: { role: { type: "string" }, email: { type: "string" }, name: { type: "string" } }, strict: true }).values;
  } catch {
    console.error(USAGE);
    process.exit(2);
  }
  if (!args.role || !args.email || !args.name) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = parseConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    const password = await readPassword();
    const r = await createStaffAccount(db, { role: args.role, email: args.email, name: args.name, password });
    if (!r.ok) {
      const { message, fields } = wordAccountRefusal(r.error);
      const details = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; ");
      console.error(`${message}${details ? ` (${details})` : ""}`);
      process.exitCode = 1;
      return;
    }
    console.log(`Đã tạo tài khoản ${r.value.email} (${r.value.role}) trong ${config.databasePath}.`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  } finally {
    db.$client.close();
  }
}

void main();
