//! Invalid settings, as the server finds them (each once): every problem goes to the output channel, and one warning
//! names the first with buttons to the settings and the output. The extension's API lists what was shown (for tests).
import { commands, window, type LogOutputChannel } from 'vscode';

export class SettingsProblems {
	/** Every problem shown so far, in order. */
	readonly shown: string[] = [];

	constructor(private readonly output: LogOutputChannel) {}

	show(problems: string[]): void {
		if (!problems.length) return;
		for (const p of problems) this.output.warn(p);
		this.shown.push(...problems);
		const more = problems.length > 1 ? ` (and ${problems.length - 1} more in the output)` : '';
		void window
			.showWarningMessage(`Transport Lint: ${problems[0]}${more}`, 'Open Settings', 'Show Output')
			.then((choice) => {
				if (choice === 'Open Settings') void commands.executeCommand('workbench.action.openSettings', 'transportLint');
				else if (choice === 'Show Output') this.output.show(true);
			});
	}
}
