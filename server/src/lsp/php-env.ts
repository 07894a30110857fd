//! The PHP the verdicts are for. The configured binary (transportLint.php.executablePath, else VS Code's
//! php.validate.executablePath, else `php` on PATH) is asked once, in the background and only in trusted
//! workspaces; until it answers, diagnostics use transportLint.php.version, composer.json's require.php or the
//! defaults (PHP 8.2+). A new answer re-lints everything and updates the client's status bar item.
import type { ServerConnection } from './connection';
import { effectivePhp, type PhpEnvironment, type Settings } from '../engine/index';
import { PhpBinaryCache, resolveExecutable } from '../node/php-binary';
import { NO_PHP, PhpStateNotification, type PhpState } from '../protocol';
import type { SettingsCache } from './settings';

/** How often an unchanged configuration re-checks the binary (its size and mtime) at most. */
const RECHECK_MS = 10_000;

export class PhpEnvironments {
	trusted = false;
	private detected?: PhpEnvironment;
	private error?: string;
	private lastCheck = 0;
	private running?: Promise<PhpState>;
	private readonly binaries = new PhpBinaryCache();

	constructor(
		private readonly server: ServerConnection,
		private readonly settings: SettingsCache,
		private readonly onChange: () => Promise<void>,
	) {}

	/** Starts a (re)detection in the background when due; never waits. */
	kick(): void {
		if (!this.trusted || this.running || Date.now() - this.lastCheck < RECHECK_MS) return;
		void this.detect(false);
	}

	/** Asks the configured binary (again, with `force`, even if nothing changed) and reports the state. */
	detect(force: boolean): Promise<PhpState> {
		if (this.running) return this.running;
		this.running = this.run(force).finally(() => (this.running = undefined));
		// A detection that changes the PHP re-lints everything: that is work in flight.
		void this.server.work.track(this.running);
		return this.running;
	}

	private async run(force: boolean): Promise<PhpState> {
		this.lastCheck = Date.now();
		if (!this.trusted) return this.update(undefined, 'The PHP binary is not run in an untrusted workspace.');
		if (force) this.binaries.clear();
		const global = await this.settings.get('');
		const configured = global.php.executablePath ?? (await this.settings.phpValidatePath()) ?? 'php';
		const explicit = configured !== 'php';
		const resolved = await resolveExecutable(configured);
		// A binary the user named that does not answer is a setting to fix: said once, with the way to the settings.
		const wrong = (why: string) =>
			explicit &&
			this.settings.report([
				`transportLint.php.executablePath (or php.validate.executablePath) is "${configured}": ${why} Verdicts are for the PHP version of transportLint.php.version or composer.json, else 8.2+.`,
			]);
		if (!resolved) {
			wrong('not an executable file.');
			return this.update(undefined, explicit ? `${configured} is not an executable file.` : 'No php on PATH.');
		}
		try {
			const env = await this.binaries.ask(resolved, 5000);
			return this.update(env, undefined);
		} catch (e) {
			const why = e instanceof Error ? e.message : String(e);
			wrong(why.endsWith('.') ? why : `${why}.`);
			return this.update(undefined, why);
		}
	}

	private async update(env: PhpEnvironment | undefined, error: string | undefined): Promise<PhpState> {
		const changed = JSON.stringify([env, error]) !== JSON.stringify([this.detected, this.error]);
		this.detected = env;
		this.error = error;
		const state = this.state();
		if (changed) {
			await this.server.connection.sendNotification(PhpStateNotification.type, state);
			await this.onChange();
		}
		return state;
	}

	state(settings?: Settings): PhpState {
		const assumed = this.effective(settings)?.source ?? `PHP ${NO_PHP.version} (${NO_PHP.source})`;
		return { ...(this.detected && { env: this.detected }), ...(this.error && { error: this.error }), assumed };
	}

	/** The binary's answer, when it gave one (the workspace scan's threads get it as data). */
	get answer(): PhpEnvironment | undefined {
		return this.detected;
	}

	/** The PHP a file's verdicts are for (effectivePhp, with the binary's answer). */
	effective(settings: Settings | undefined, composerPhp?: string): PhpEnvironment | undefined {
		return effectivePhp(settings?.php.version, this.detected, composerPhp);
	}
}
