/* The browser engines in Node, for tests/test_engine_parity.py: one process answers every case.

   node tests/node/parity.js DATA_DIR REQUESTS.json JS_FILE...

   Loads the exported data (DATA_DIR: the scripts kb/site/export.py writes, each setting
   globalThis.kbData[key]) and the engine files in the order given (the order of mkdocs.yml), then
   answers every request of REQUESTS.json ([{kind: "evaluate" | "procedure", sak}]) with the same
   public functions a page uses (globalThis.kb.evaluate / kb.procedure). Prints one JSON list:
   {ok: answer} or {error: the CaseError's message}; any other exception is {crash: "Name: message"},
   so an engine bug never passes for a message. */
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

function scripts(folder) {
  const out = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...scripts(full));
    else if (entry.name.endsWith(".js")) out.push(full);
  }
  return out.sort();
}

function run(file) { vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file }); }

async function main() {
  const [dataDir, requestsFile, ...engineFiles] = process.argv.slice(2);
  scripts(dataDir).forEach(run);
  engineFiles.forEach(run);
  const NON_FINITE = "\ue000kb-tall:", SPECIAL = { inf: Infinity, "-inf": -Infinity, nan: NaN };
  const requests = JSON.parse(fs.readFileSync(requestsFile, "utf8"), (key, value) =>
    typeof value === "string" && value.startsWith(NON_FINITE) ? SPECIAL[value.slice(NON_FINITE.length)] : value);
  const kb = globalThis.kb;
  const answers = [];
  for (const r of requests) {
    try {
      const answer = await (r.kind === "procedure" ? kb.procedure(r.sak) : kb.evaluate(r.sak));
      answers.push({ ok: answer });
    } catch (e) {
      answers.push(e && e.name === "CaseError" ? { error: e.message } : { crash: String(e && e.name) + ": " + String(e && e.message) });
    }
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch(e => { process.stderr.write(String(e && e.stack || e) + "\n"); process.exit(1); });
