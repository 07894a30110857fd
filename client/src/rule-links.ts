//! A diagnostic's code link opens its rule page rendered. The server links the page's Markdown file (what every
//! editor can open); VS Code would open that file for editing. VS Code opens code links with commands allowed (the
//! Problems panel's link and the hover both call `open(target, { allowCommands: true })`, read in VS Code 1.100's
//! workbench), so here the link runs Show Rules for the rule, which opens the page in the Markdown preview.
import { Uri, type Diagnostic } from 'vscode';
import type { Middleware } from 'vscode-languageclient';
import { Commands } from '../../server/src/protocol';

const links = new Map<string, Uri>();

/** The command link that shows a rule's page: `command:transportLint.showRules?["<id>"]`. */
export function ruleLink(id: string): Uri {
	let link = links.get(id);
	if (!link) {
		link = Uri.parse(`command:${Commands.showRules}?${encodeURIComponent(JSON.stringify([id]))}`);
		links.set(id, link);
	}
	return link;
}

export const ruleLinks: Pick<Middleware, 'handleDiagnostics'> = {
	handleDiagnostics(uri, diagnostics, next) {
		for (const d of diagnostics as Diagnostic[]) {
			const code = d.code;
			if (typeof code === 'object' && code.target.scheme === 'file')
				d.code = { value: code.value, target: ruleLink(String(code.value)) };
		}
		next(uri, diagnostics);
	},
};
