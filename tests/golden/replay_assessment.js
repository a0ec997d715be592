/* Replay golden cases with the static book's assessment-core.js.
 * Usage: node replay_assessment.js CORE.js FILE.json...  Prints {file: [result, ...]} as JSON,
 * each result with the same keys as the case's `want` (see assessment_cases.expected).
 */
"use strict";
var fs = require("fs");
var core = require(require("path").resolve(process.argv[2]));
var out = {};
process.argv.slice(3).forEach(function (file) {
  var golden = JSON.parse(fs.readFileSync(file, "utf8")), spec = golden.spec;
  out[file] = golden.cases.map(function (c) {
    var screened = core.screen(c.state, spec, golden.today), checked = core.checkAnswers(c.state, spec, golden.today);
    var got = { screen: screened, errors: checked.errors };
    if (checked.answers) {
      got.profile = core.buildProfile(checked.answers, spec);
      got.report = core.describe(got.profile, spec);
      got.hand_in = core.handIn(got.profile, spec);
    }
    return got;
  });
});
process.stdout.write(JSON.stringify(out));
