//! A "Test connection" lens above each complete transport URL (off with transportLint.codeLens.enable).
import type { CodeLens } from 'vscode-languageserver';
import { Commands } from '../protocol';
import { toRange } from './convert';
import type { Analysed } from './diagnostics';

export function codeLenses(analysed: Analysed): CodeLens[] {
	const { doc, targets } = analysed;
	return targets
		.filter((t) => !t.partial && t.url.info)
		.map((t) => ({
			range: toRange(doc, t.candidate.start, t.candidate.end),
			command: {
				title: 'Test connection',
				command: Commands.testConnection,
				arguments: [{ uri: doc.uri, offset: t.candidate.start }],
			},
		}));
}
