// Counts the Vietnamese text written into the code: string literals, template literals and JSX
// text containing a Vietnamese letter with a diacritic. Comments do not count. Read with the
// TypeScript parser, so a quote inside a comment or a regular expression is not mistaken for one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { ROOT } from "./importGraph.ts";

/** Letters only Vietnamese (among the languages we write) uses: vowels with tone or hook marks, and đ. */
export const VIETNAMESE_LETTER = /[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]/;

/** How many literals of `text` (the source of one module) carry Vietnamese. */
export function vietnameseLiterals(fileName: string, text: string): number {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) {
      if (VIETNAMESE_LETTER.test(node.text)) count++;
      return;
    }
    if (ts.isTemplateExpression(node)) {
      // One template is one literal, however many pieces its placeholders cut it into.
      const pieces = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      if (pieces.some((p) => VIETNAMESE_LETTER.test(p))) count++;
      node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}

/** Per repository file, for the files given. */
export function countVietnameseLiterals(files: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    const n = vietnameseLiterals(f, readFileSync(join(ROOT, f), "utf8"));
    if (n) out.set(f, n);
  }
  return out;
}
