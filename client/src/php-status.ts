//! Which PHP the verdicts are for, as a language status item (shown for the files Transport Lint reads only, in the
//! editor's language status area, with a plain screen-reader label): the active document's PHP, the same one its
//! hover names (transportLint.php.version, the binary, composer.json's require.php, else 8.2+). "Detect the PHP in
//! Use" asks the configured binary again.
import {
	languages,
	LanguageStatusSeverity,
	window,
	workspace,
	type Disposable,
	type DocumentSelector,
	type LanguageStatusItem,
	type OutputChannel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, DetectPhpRequest, NO_PHP, PhpForDocumentRequest, type PhpState } from '../../server/src/protocol';

export class PhpStatus implements Disposable {
	readonly item: LanguageStatusItem;
	private client: LanguageClient | undefined;
	private readonly listeners: Disposable[];

	constructor(
		private readonly output: OutputChannel,
		selector: DocumentSelector,
	) {
		this.item = languages.createLanguageStatusItem('transportLint.php', selector);
		this.item.name = 'Transport Lint: PHP';
		this.item.command = { title: 'Detect', command: Commands.detectPhp, tooltip: 'Ask the configured PHP again' };
		this.render(NO_PHP);
		this.listeners = [
			window.onDidChangeActiveTextEditor(() => void this.refresh()),
			// A composer.json or setting change re-lints the document: its PHP may have changed with it.
			languages.onDidChangeDiagnostics((e) => {
				const active = window.activeTextEditor?.document.uri.toString();
				if (active && e.uris.some((u) => u.toString() === active)) void this.refresh();
			}),
		];
	}

	/** The client to ask for the active document's PHP (set once it is made). */
	attach(client: LanguageClient): void {
		this.client = client;
		void this.refresh();
	}

	/** The binary's answer changed (or could not be had): logged, and the item asked again. */
	show(state: PhpState): void {
		const env = state.env;
		this.output.appendLine(
			env
				? `PHP in use: ${env.path} ${env.version}; transports: ${env.transports?.join(', ')}; OpenSSL: ${env.openssl ?? 'not loaded'}`
				: `PHP in use: ${state.assumed}${state.error ? ` (${state.error})` : ''}`,
		);
		this.item.severity =
			state.error && !state.error.includes('untrusted')
				? LanguageStatusSeverity.Warning
				: LanguageStatusSeverity.Information;
		void this.refresh();
	}

	private async refresh(): Promise<void> {
		const doc = window.activeTextEditor?.document;
		if (!doc || !this.client) return;
		const php = await this.client
			.sendRequest(PhpForDocumentRequest.type, { uri: doc.uri.toString() })
			.catch(() => null);
		if (php && window.activeTextEditor?.document === doc) this.render(php);
	}

	private render(php: { version: string; source: string }): void {
		this.item.text = `PHP ${php.version}`;
		this.item.detail = php.source;
		this.item.accessibilityInformation = {
			label: `Transport Lint judges for PHP ${php.version}: ${php.source}`,
		};
	}

	async detect(client: LanguageClient): Promise<PhpState | undefined> {
		if (!workspace.isTrusted) {
			void window.showWarningMessage('Transport Lint: the PHP binary is not run in an untrusted workspace.');
			return undefined;
		}
		const state = await client.sendRequest(DetectPhpRequest.type, {});
		this.show(state);
		void window.showInformationMessage(
			state.env
				? `Transport Lint: using PHP ${state.env.version} (${state.env.path}).`
				: `Transport Lint: no PHP binary answered (${state.error ?? 'unknown'}); assuming ${state.assumed}.`,
		);
		return state;
	}

	dispose(): void {
		for (const l of this.listeners) l.dispose();
		this.item.dispose();
	}
}
