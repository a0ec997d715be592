/* Replay the programme's golden cases with the static book's programme-web.js.
 * Usage: node replay_programme.js PROGRAMME-WEB.js FILE.json  Prints, for each case, the
 * HTML of the parts the script picks (or null when it has none), as a JSON list.
 */
"use strict";
var fs = require("fs");
var lookup = require(require("path").resolve(process.argv[2]));
var golden = JSON.parse(fs.readFileSync(process.argv[3], "utf8")), spec = golden.spec;
process.stdout.write(JSON.stringify(golden.cases.map(function (c) {
  var chosen = lookup.choose(c.profile, c.choice, spec);
  return chosen === null ? null : lookup.html(chosen.parts, spec);
})));
