//! "Transport Lint: Show Rules": every rule with its one-line summary and its severity for the active file; the one
//! picked opens rendered (the Markdown preview of its page, which ships with the extension), not as an editable file.
import { commands, QuickPickItemKind, Uri, window, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RulesRequest } from '../../server/src/protocol';

/** `id`: open that rule's page without asking (the command's argument). */
export async function showRules(client: LanguageClient, id?: string): Promise<void> {
	const rules = await client.sendRequest(RulesRequest.type, {
		uri: window.activeTextEditor?.document.uri.toString(),
	});
	let page = id !== undefined ? rules.find((r) => r.id === id)?.page : undefined;
	if (page === undefined) {
		type Item = QuickPickItem & { page?: string };
		const items: Item[] = [
			{ label: 'Rules (severity for the active file)', kind: QuickPickItemKind.Separator },
			...rules.map((r) => ({ label: r.id, description: r.severity, detail: r.summary, page: r.page })),
		];
		const picked = await window.showQuickPick(items, {
			title: 'Transport Lint: Rules',
			placeHolder: 'Pick a rule to read its page',
			matchOnDetail: true,
		});
		page = picked?.page;
	}
	if (page) await commands.executeCommand('markdown.showPreview', Uri.parse(page));
}
