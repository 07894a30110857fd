//! Settings pulled per resource with workspace/configuration (lsp-sample), cached by URI and dropped on change.
import type { Connection } from './connection';
import { DEFAULTS, normalizeSettings, type Settings } from '../engine/index';

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
			s = this.connection.workspace
				.getConfiguration({ scopeUri: uri, section: 'transportLint' })
				.then(normalizeSettings, () => DEFAULTS);
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

	clear(): void {
		this.cache.clear();
		this.excludes.clear();
	}
}
