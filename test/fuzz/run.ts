//! The long fuzz run (not part of `npm test`): `npm run fuzz -- [cases] [seed]`. Checks the same invariants as the
//! property test over a million inputs and prints the count, the time and the first counterexample, if any.
import fc from 'fast-check';
import { analyze } from '../../server/src/engine/index';
import { caseArb, violation } from './arbitraries';

const runs = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 20261124);
const started = Date.now();
let checked = 0;
let withFindings = 0;
let withFixes = 0;
const result = fc.check(
	fc.property(caseArb, ([text, kind]) => {
		checked++;
		if (checked % 100_000 === 0) console.error(`${checked} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
		const findings = analyze(text, kind).findings;
		if (findings.length) withFindings++;
		if (findings.some((f) => f.fixes.length)) withFixes++;
		const v = violation(text, kind);
		if (v) throw new Error(v);
	}),
	{ numRuns: runs, seed },
);
console.log(
	`fuzz: ${checked} cases (${withFindings} with findings, ${withFixes} with fixes), seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.failed ? 'FAILED' : 'no violation'}`,
);
if (result.failed) {
	console.log(fc.defaultReportMessage(result));
	process.exit(1);
}
