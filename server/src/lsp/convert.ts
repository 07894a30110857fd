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
import type { Edit, Finding, Fix, Severity, TextEdit as Change } from '../engine/index';
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

/** The diagnostic last made for a finding, and the finding's offsets then. */
interface Made {
	start: number;
	end: number;
	diagnostic: Diagnostic;
}
const made = new WeakMap<Finding, Made>();

/**
 * The diagnostics of a version's findings. On a keystroke the engine carries the findings outside the edit from the
 * previous version (the same objects, those after the edit moved in place): given that edit and how many lines it
 * added, their diagnostics are the previous ones where nothing moved (before the edit; or after it on a later line,
 * when no line was added or removed), with their lines moved where only those did, and made anew otherwise.
 */
export function toDiagnostics(
	doc: TextDocument,
	findings: Finding[],
	change?: { edit: Change; lineDelta: number },
): Diagnostic[] {
	const out: Diagnostic[] = new Array(findings.length);
	const edit = change?.edit;
	const lineDelta = change?.lineDelta ?? 0;
	const delta = edit ? edit.newEnd - edit.oldEnd : 0;
	// The line the edit ends on: a finding on a later line has the same column as before.
	const editLine = edit ? doc.positionAt(edit.newEnd).line : 0;
	for (let k = 0; k < findings.length; k++) {
		const f = findings[k]!;
		const m = made.get(f);
		let d: Diagnostic | undefined;
		if (m && edit) {
			if (m.start === f.start && m.end === f.end && f.end <= edit.start) d = m.diagnostic;
			else if (
				m.start + delta === f.start &&
				m.end + delta === f.end &&
				f.start > edit.newEnd &&
				!f.related?.length &&
				m.diagnostic.range.start.line + lineDelta > editLine
			)
				d = lineDelta === 0 ? m.diagnostic : linesMoved(m.diagnostic, lineDelta);
		}
		if (d && m) {
			m.start = f.start;
			m.end = f.end;
			m.diagnostic = d;
		} else {
			d = toDiagnostic(doc, f);
			made.set(f, { start: f.start, end: f.end, diagnostic: d });
		}
		out[k] = d;
	}
	return out;
}

function linesMoved(d: Diagnostic, lines: number): Diagnostic {
	const { start, end } = d.range;
	return {
		...d,
		range: {
			start: { line: start.line + lines, character: start.character },
			end: { line: end.line + lines, character: end.character },
		},
	};
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
