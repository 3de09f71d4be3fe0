// Lays out graphs with ELK's layered algorithm (elkjs, locked in tools/package-lock.json), for
// the layout benchmark (crates/e2e/benches/layout.rs). Reads JSON from stdin:
//   {"runs": N, "graphs": [{"name": "...", "graph": <an ELK graph>}]}
// and writes, for each graph, the graph as ELK laid it out and the median milliseconds of N
// layouts of it (after one that warms the engine up):
//   [{"name": "...", "ms": 12.3, "graph": <laid out>}]
import ELK from "elkjs/lib/elk.bundled.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { runs, graphs } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const elk = new ELK();
const results = [];
for (const { name, graph } of graphs) {
  // ELK writes positions into the graph it is given: each run gets its own copy.
  let laidOut = await elk.layout(structuredClone(graph));
  const times = [];
  for (let run = 0; run < runs; run++) {
    const copy = structuredClone(graph);
    const started = performance.now();
    laidOut = await elk.layout(copy);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  results.push({ name, ms: times[Math.floor(times.length / 2)], graph: laidOut });
}
process.stdout.write(JSON.stringify(results));
