//! An open document's analysis from one version to the next. What a version leaves for the next (its lexing, the
//! scan's candidates and targets, findings by target, the client pass's readings, the full token stream) stays in
//! here: the editor hands each version and the span it changed in, and gets the findings back (as ruff's server hands
//! a document to its linter). The CLI and closed files call analyze() directly: they have no next version.
import { analyze, type AnalyzeResult } from './analyze';
import { carried, nextReuse, type Carried } from './scan/php';
import type { TextEdit } from './scan/php-lexer';
import type { ProjectFacts } from './target';
import type { Settings } from './settings';
import type { FileKind, TextSource } from './types';
import type { SymbolLookup } from './values/symbols';

export class DocumentAnalysis {
	private last?: Carried;

	constructor(readonly kind: FileKind) {}

	/**
	 * Analyses a version. `changed`: where it differs from the version last analysed (offsets in that one and in
	 * this one), when the editor knows; a span that does not fit the two lengths is ignored and the text is read
	 * afresh. The result's `edit` is the span the analysis used (undefined: read afresh).
	 */
	update(
		text: string | TextSource,
		changed: TextEdit | undefined,
		settings?: Settings,
		project?: ProjectFacts,
		symbols?: SymbolLookup,
	): AnalyzeResult & { edit?: TextEdit } {
		const before = this.last?.lexed?.length;
		const edit = changed && before !== undefined && fits(changed, before, text.length) ? changed : undefined;
		const reuse = nextReuse(this.last, edit);
		const result = analyze(text, this.kind, settings, project, reuse, symbols);
		this.last = carried(reuse);
		return edit ? { ...result, edit } : result;
	}
}

/** The span describes a change between texts of these lengths (the editor's bookkeeping, double-checked). */
function fits(edit: TextEdit, before: number, after: number): boolean {
	return (
		edit.start <= edit.oldEnd &&
		edit.start <= edit.newEnd &&
		edit.oldEnd <= before &&
		before - edit.oldEnd === after - edit.newEnd
	);
}
