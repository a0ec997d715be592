/* Replay precomputed chart steps with the static book's bb-plotly-steps.js.
 * Usage: node replay_strength_steps.js BB-PLOTLY-STEPS.js FILE.json  FILE holds {spec, cases:
 * [controls' positions]}; prints, per case, what the page would show: {key, data, title,
 * summary} (or null), as a JSON list.
 */
"use strict";
var fs = require("fs");
var steps = require(require("path").resolve(process.argv[2]));
var golden = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
process.stdout.write(JSON.stringify(golden.cases.map(function (positions) {
  return steps.choose(golden.spec, positions);
})));
