//! A "Test connection" lens above each complete transport URL (off with transportLint.codeLens.enable).
import type { CodeLens } from 'vscode-languageserver-protocol';
import { probeTarget } from '../engine/index';
import { Commands } from '../protocol';
import { toRange } from './convert';
import type { Analysed } from './diagnostics';

export function codeLenses(analysed: Analysed): CodeLens[] {
	const { doc, targets, clients } = analysed;
	const lenses: CodeLens[] = [];
	for (const c of clients) {
		const p = probeTarget(c);
		if (!p) continue;
		lenses.push({
			range: toRange(doc, c.start, c.end),
			command: {
				title: `Test ${p.protocol} connection`,
				command: Commands.testConnection,
				arguments: [{ uri: doc.uri, offset: c.start, client: true }],
			},
		});
	}
	return lenses.concat(
		targets
			.filter((t) => !t.partial && t.url.info)
			.map((t) => ({
				range: toRange(doc, t.candidate.start, t.candidate.end),
				command: {
					title: 'Test connection',
					command: Commands.testConnection,
					arguments: [{ uri: doc.uri, offset: t.candidate.start }],
				},
			})),
	);
}
