//! Settings pulled per resource with workspace/configuration (lsp-sample), cached by URI and dropped on change.
import type { Connection } from './connection';
import { DEFAULTS, normalizeSettings, type Settings } from '../engine/index';
import { settingsProblems } from '../engine/settings-check';
import { SettingsProblemsNotification } from '../protocol';

export class SettingsCache {
	private readonly cache = new Map<string, Promise<Settings>>();
	private readonly excludes = new Map<string, Promise<string[]>>();

	constructor(
		private readonly connection: Connection,
		private readonly canPull: boolean,
	) {}

	get(uri: string): Promise<Settings> {
		if (!this.canPull) return Promise.resolve(DEFAULTS);
		let s = this.cache.get(uri);
		if (!s) {
			s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'transportLint' }).then(
				(raw: unknown) => {
					this.report(settingsProblems(raw));
					return normalizeSettings(raw);
				},
				() => DEFAULTS,
			);
			this.cache.set(uri, s);
		}
		return s;
	}

	/** `files.exclude` of a workspace folder, as globs. */
	filesExclude(folderUri: string): Promise<string[]> {
		if (!this.canPull) return Promise.resolve([]);
		let e = this.excludes.get(folderUri);
		if (!e) {
			e = this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' }).then(
				(raw: unknown) =>
					raw && typeof raw === 'object'
						? Object.entries(raw as Record<string, unknown>)
								.filter(([, on]) => on === true)
								.flatMap(([glob]) => [glob, `${glob}/**`])
						: [],
				() => [],
			);
			this.excludes.set(folderUri, e);
		}
		return e;
	}

	/** VS Code's php.validate.executablePath, the default for transportLint.php.executablePath. */
	async phpValidatePath(): Promise<string | undefined> {
		if (!this.canPull) return undefined;
		const v: unknown = await this.connection.workspace
			.getConfiguration({ section: 'php.validate.executablePath' })
			.then(
				(x: unknown) => x,
				() => undefined,
			);
		return typeof v === 'string' && v.trim() ? v.trim() : undefined;
	}

	/** Problems already shown: each once per server (settings are read per folder and again after each change). */
	private readonly reported = new Set<string>();

	/** Tells the user about invalid settings, each once: a log line for any client, a notification for VS Code's. */
	report(problems: string[]): void {
		const fresh = problems.filter((p) => !this.reported.has(p));
		if (!fresh.length) return;
		for (const p of fresh) {
			this.reported.add(p);
			this.connection.console.warn(p);
		}
		void this.connection.sendNotification(SettingsProblemsNotification.type, { problems: fresh });
	}

	clear(): void {
		this.cache.clear();
		this.excludes.clear();
	}
}
