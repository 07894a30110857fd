//! The only place that turns engine offsets into LSP positions, findings into diagnostics and fixes into edits.
import {
	CodeAction,
	CodeActionKind,
	DiagnosticSeverity,
	type Diagnostic,
	type TextEdit,
	type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Finding, Fix, Severity } from '../engine/index';
import { DOCS_BASE } from '../docs-link';

export const SOURCE = 'transport-lint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

export function toRange(doc: TextDocument, start: number, end: number) {
	return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
	const d: Diagnostic = {
		range: toRange(doc, f.start, f.end),
		severity: SEVERITY[f.severity],
		code: f.ruleId,
		codeDescription: { href: `${DOCS_BASE}${f.ruleId}.md` },
		source: SOURCE,
		message: f.message,
	};
	if (f.related?.length) {
		d.relatedInformation = f.related.map((r) => ({
			location: { uri: doc.uri, range: toRange(doc, r.start, r.end) },
			message: r.message,
		}));
	}
	return d;
}

export function toTextEdits(doc: TextDocument, edits: Edit[]): TextEdit[] {
	return edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.text }));
}

/** A TextDocumentEdit pinned to the version the fix was computed for, so a stale fix is refused by the client. */
export function toWorkspaceEdit(doc: TextDocument, edits: Edit[]): WorkspaceEdit {
	return {
		documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: toTextEdits(doc, edits) }],
	};
}

export function toCodeAction(doc: TextDocument, fix: Fix, diagnostic: Diagnostic): CodeAction {
	const action = CodeAction.create(fix.title, toWorkspaceEdit(doc, fix.edits), CodeActionKind.QuickFix);
	action.diagnostics = [diagnostic];
	if (fix.preferred) action.isPreferred = true;
	return action;
}
