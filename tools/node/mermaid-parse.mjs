// Parses Mermaid diagrams with the real Mermaid library (node_modules beside this file), one per input line;
// the review tests (tests/review/support.py) drive it.
// Input: one JSON string per line (a diagram). Output: one JSON object per line, {"ok": true, "type": ...} or
// {"ok": false, "error": ...}. Mermaid's flowchart parser sanitises labels with DOMPurify, which needs a DOM in
// Node: jsdom provides it.
import { createInterface } from 'node:readline';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    const parsed = await mermaid.parse(JSON.parse(line));
    answer = { ok: true, type: parsed.diagramType };
  } catch (error) {
    answer = { ok: false, error: String(error?.message ?? error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
