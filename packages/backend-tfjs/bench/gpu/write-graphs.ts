// Writes each student's graph as JSON `{ name, numClasses, graph }` for bench/gpu/torch_graph.py,
// so PyTorch runs exactly the architecture tfjs trains.
// Run: node write-graphs.mjs --out <folder>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argument } from '../command-line.js';
import { STUDENTS } from './students.js';

const out = argument('out', 'graphs');
mkdirSync(out, { recursive: true });
for (const [name, build] of Object.entries(STUDENTS)) {
  const model = build();
  writeFileSync(join(out, `${name}.json`), JSON.stringify({ name, numClasses: model.classes.length, graph: model.graph }));
}
console.log(`wrote ${Object.keys(STUDENTS).length} graphs to ${out}`);
