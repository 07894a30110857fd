//! The long run of the lifecycle model (`npm run fuzz:lifecycle -- --steps 100000 --seed N`): sequences of up to 40
//! commands against fresh worlds until that many steps have been checked; prints the counts, or the shrunk failing
//! sequence. Results go in docs/fuzzing.md.
import { runModel } from '../lifecycle/run';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
	const steps = arg('steps', 100_000);
	const seed = arg('seed', Date.now() % 1_000_000);
	const maxCommands = arg('max-commands', 40);
	let done = 0;
	let sequences = 0;
	const started = Date.now();
	let reported = started;
	console.log(`lifecycle model: seed ${seed}, ${steps} steps, sequences of up to ${maxCommands} commands`);
	// One sequence is one run; runs past the budget pass at once (a sequence has 1 to maxCommands steps).
	await runModel({
		seed,
		runs: Math.ceil(steps / 3),
		maxCommands,
		onSequence: (n) => {
			done += n;
			sequences++;
			if (Date.now() - reported > 30_000) {
				reported = Date.now();
				console.log(`  ${done} steps, ${sequences} sequences, ${((Date.now() - started) / 1000).toFixed(0)} s`);
			}
		},
		spent: () => done >= steps,
	});
	const s = (Date.now() - started) / 1000;
	console.log(
		`no violation: ${done} steps in ${sequences} sequences, ${s.toFixed(0)} s (${(done / s).toFixed(1)} steps/s)`,
	);
}

main().then(
	() => process.exit(0),
	(e: unknown) => {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	},
);
