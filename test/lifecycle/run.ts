//! Runs the lifecycle model: random sequences of commands against fresh worlds (two windows: one with folder a, one
//! with a and b), each checked against the reference after every step.
import fc from 'fast-check';
import { commands } from './commands';
import { CONTENTS, World } from './world';

/** The workspace every sequence starts from: cross-file cases in place, findings in every kind of file. */
export const INITIAL = {
	'a/x.php': CONTENTS.php[1]!,
	'a/y.php': CONTENTS.php[6]!,
	'a/Config.php': CONTENTS.php[4]!,
	'a/lib/Net.php': CONTENTS.php[7]!,
	'a/.env': CONTENTS.env[1]!,
	'a/conf.yaml': CONTENTS.yaml[1]!,
	'b/w.php': CONTENTS.php[8]!,
};

export const WINDOWS = [['a'], ['a', 'b']];

export async function newWorld(): Promise<World> {
	const world = new World(INITIAL, WINDOWS);
	await world.start();
	return world;
}

export interface ModelRun {
	seed: number;
	runs: number;
	maxCommands: number;
	/** Called after each sequence with the number of steps it took. */
	onSequence?: (steps: number) => void;
	/** True once the budget is spent: the remaining runs pass at once. */
	spent?: () => boolean;
}

export async function runModel(o: ModelRun): Promise<void> {
	await fc.assert(
		fc.asyncProperty(
			fc.commands(commands(WINDOWS.length), { maxCommands: o.maxCommands, size: 'max' }),
			async (cmds) => {
				if (o.spent?.()) return;
				const world = await newWorld();
				try {
					await world.check();
					await fc.asyncModelRun(() => ({ model: world, real: world }), cmds);
					o.onSequence?.(world.log.length);
				} finally {
					await world.dispose();
				}
			},
		),
		{ seed: o.seed, numRuns: o.runs },
	);
}
