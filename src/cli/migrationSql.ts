// npm run migration:sql -- <number>: prints the statements src/migrationSql/ generates for one
// migration, separated as drizzle-kit separates them, to paste into a custom migration
// (`npx drizzle-kit generate --custom --name <short_name>` makes the empty file).
import { GENERATED_MIGRATIONS } from "../migrationSql/statistics.ts";

const number = process.argv[2];
const write = number ? GENERATED_MIGRATIONS[number] : undefined;
if (!write) {
  console.error(`usage: npm run migration:sql -- <number>, one of ${Object.keys(GENERATED_MIGRATIONS).join(", ")}`);
  process.exit(2);
}
console.log(write().join("\n--> statement-breakpoint\n"));
