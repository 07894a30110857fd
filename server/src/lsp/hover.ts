//! Hover on a transport URL: what it means to PHP, from the engine's describe().
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { describe } from '../engine/index';
import { toRange } from './convert';
import type { Analysed } from './diagnostics';

export function hover(analysed: Analysed, position: Position): Hover | null {
	const { doc, targets } = analysed;
	const offset = doc.offsetAt(position);
	const t = targets.find(
		(x) => x.candidate.start <= offset && offset <= Math.max(x.candidate.end, x.candidate.partial?.suffixStart ?? 0),
	);
	if (!t) return null;
	return {
		contents: { kind: MarkupKind.Markdown, value: describe(t) },
		range: toRange(doc, t.candidate.start, t.candidate.end),
	};
}
