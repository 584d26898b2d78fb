// The Cedar peer of bench/run.sh: generates a Cedar policy set of a given size
// and shape comparable to the generated term library (each policy a rule with
// conditions over attributes, like a clause with targets and modifiers), then
// times Cedar's parse (checkParsePolicySet) and validation (validate against a
// schema), through @cedar-policy/cedar-wasm under Node.js.
//
//   node bench/cedar/peer.js POLICIES [REPEAT]
//
// Prints one JSON line: {"policies", "bytes", "parse_s", "validate_s"} (best of REPEAT).
'use strict';
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

const policies = Number(process.argv[2] || 1000);
const repeat = Number(process.argv[3] || 3);

const schema = `
entity Party { name: String, level: Long };
entity Facility in [Party] { kind: String, verified: Bool, capacity: Long };
action dismantle, freeze, declare appliesTo { principal: Party, resource: Facility,
  context: { within_days: Long, verifier: String } };
`;

let seed = 1;
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }

const parts = [];
const actions = ['dismantle', 'freeze', 'declare'];
for (let i = 0; i < policies; i++) {
  const a = actions[rnd(3)];
  parts.push(`// policy ${i}: generated
@id("p${i}")
permit (principal == Party::"party-${rnd(12)}", action == Action::"${a}", resource)
when { resource.kind == "${rnd(2) ? 'nuclear' : 'ballistic'}" && resource.verified &&
       context.within_days <= ${1 + rnd(720)} && resource.capacity >= ${rnd(100)} }
unless { context.verifier == "none" || principal.level > ${rnd(10)} };
`);
}
const text = parts.join('\n');

function best(fn) {
  let t = Infinity;
  for (let r = 0; r < repeat; r++) {
    const s = process.hrtime.bigint();
    fn();
    t = Math.min(t, Number(process.hrtime.bigint() - s) / 1e9);
  }
  return t;
}

const parse = cedar.checkParsePolicySet({ staticPolicies: text });
if (parse.type !== 'success') {
  console.error(JSON.stringify(parse.errors.slice(0, 3)));
  process.exit(1);
}
const v = cedar.validate({ schema, policies: { staticPolicies: text } });
if (v.type !== 'success' || v.validationErrors.length) {
  console.error(JSON.stringify(v).slice(0, 2000));
  process.exit(1);
}
const parse_s = best(() => cedar.checkParsePolicySet({ staticPolicies: text }));
const validate_s = best(() => cedar.validate({ schema, policies: { staticPolicies: text } }));
console.log(JSON.stringify({ policies, bytes: Buffer.byteLength(text), parse_s, validate_s }));
