//! The status bar item that says which PHP the verdicts are for, and "Detect the PHP in Use".
import { MarkdownString, StatusBarAlignment, window, workspace, type OutputChannel, type StatusBarItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, DetectPhpRequest, type PhpState } from '../../server/src/protocol';

export class PhpStatus {
	readonly item: StatusBarItem;
	state?: PhpState;

	constructor(private readonly output: OutputChannel) {
		this.item = window.createStatusBarItem('transportLint.php', StatusBarAlignment.Right, 100);
		this.item.name = 'Transport Lint: PHP';
		this.item.command = Commands.detectPhp;
		this.show({ assumed: 'PHP 8.2+ (no PHP configured or detected)' });
		this.item.show();
	}

	show(state: PhpState): void {
		this.state = state;
		const env = state.env;
		this.item.text = env ? `$(symbol-namespace) PHP ${env.version}` : '$(symbol-namespace) PHP 8.2+';
		const md = new MarkdownString(undefined, true);
		md.appendMarkdown('**Transport Lint** judges transport URLs for ');
		if (env) {
			md.appendMarkdown(`PHP ${env.version}\n\n`);
			md.appendMarkdown(`- binary: \`${env.path}\`\n`);
			md.appendMarkdown(`- transports: ${env.transports?.join(', ') ?? 'unknown'}\n`);
			md.appendMarkdown(`- OpenSSL: ${env.openssl ?? 'not loaded'}\n`);
		} else {
			md.appendMarkdown(`${state.assumed}\n\n`);
			if (state.error) md.appendMarkdown(`No PHP binary answered: ${state.error}\n`);
		}
		md.appendMarkdown('\nClick to ask the configured PHP again.');
		this.item.tooltip = md;
		this.output.appendLine(
			env
				? `PHP in use: ${env.path} ${env.version}; transports: ${env.transports?.join(', ')}; OpenSSL: ${env.openssl ?? 'not loaded'}`
				: `PHP in use: ${state.assumed}${state.error ? ` (${state.error})` : ''}`,
		);
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
}
