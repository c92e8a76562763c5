// Lists functions and methods of src/ longer than N lines (default 80): `node scripts/long-functions.mjs [N] [folder]`.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const limit = Number(process.argv[2] ?? 80);
const root = process.argv[3] ?? 'src';
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}
const rows = [];
for (const file of walk(root)) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node, owner) => {
    if ((ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isConstructorDeclaration(node)) && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      const name = `${owner ? `${owner}.` : ''}${node.name?.getText(sf) ?? 'constructor'}`;
      if (end - start + 1 > limit) rows.push([end - start + 1, `${file}:${start + 1}`, name]);
    }
    const next = ts.isClassDeclaration(node) ? node.name?.getText(sf) : owner;
    ts.forEachChild(node, (c) => visit(c, next));
  };
  visit(sf, '');
}
rows.sort((a, b) => b[0] - a[0]);
for (const [n, where, name] of rows) console.log(`${String(n).padStart(4)}  ${where}  ${name}`);
