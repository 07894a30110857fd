//! Quick fixes from the cached findings of the document version the client shows (matched on code + range, never
//! on message text), "disable" actions, and source.fixAll.transportLint.
import {
	CodeAction,
	CodeActionKind,
	type Command,
	type Diagnostic,
	type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { CodeActionParams } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diffEdit, fixAll, suppressionEdit, type FileKind, type Settings } from '../engine/index';
import { Commands, FIX_ALL_KIND, type DisableRuleArgs, type FixAllResult } from '../protocol';
import { SOURCE, toCodeAction, toRange, toWorkspaceEdit } from './convert';
import type { Analysed } from './diagnostics';

export function codeActions(
	params: CodeActionParams,
	analysed: Analysed,
	settings: Settings,
): (CodeAction | Command)[] {
	const { doc, findings, kind } = analysed;
	const only = params.context.only;
	const wants = (k: string) => !only || only.some((o) => k === o || k.startsWith(o + '.'));
	const actions: CodeAction[] = [];
	if (wants(CodeActionKind.QuickFix)) {
		for (const diagnostic of params.context.diagnostics) {
			if (diagnostic.source !== SOURCE) continue;
			const finding = findings.find(
				(f) => f.ruleId === diagnostic.code && sameRange(toRange(doc, f.start, f.end), diagnostic.range),
			);
			if (!finding) continue;
			actions.push(...finding.fixes.map((fix) => toCodeAction(doc, fix, diagnostic)));
			actions.push(...disableActions(doc, kind, finding.start, diagnostic));
		}
	}
	if (wants(FIX_ALL_KIND) && (only?.some((o) => o.startsWith(CodeActionKind.SourceFixAll)) ?? false)) {
		const edit = fixAllEdit(doc, kind, settings);
		if (edit) actions.push({ title: 'Fix all Transport Lint problems', kind: FIX_ALL_KIND, edit });
	}
	return actions;
}

function disableActions(doc: TextDocument, kind: FileKind, offset: number, diagnostic: Diagnostic): CodeAction[] {
	const ruleId = String(diagnostic.code);
	const out: CodeAction[] = [];
	const edit = suppressionEdit(doc.getText(), kind, offset, ruleId);
	if (edit) {
		const line = CodeAction.create(
			`Disable ${ruleId} for this line`,
			toWorkspaceEdit(doc, [edit]),
			CodeActionKind.QuickFix,
		);
		line.diagnostics = [diagnostic];
		out.push(line);
	}
	const args: DisableRuleArgs = { ruleId, uri: doc.uri };
	const settings = CodeAction.create(
		`Disable ${ruleId} in settings`,
		{ title: `Disable ${ruleId}`, command: Commands.disableRule, arguments: [args] },
		CodeActionKind.QuickFix,
	);
	settings.diagnostics = [diagnostic];
	out.push(settings);
	return out;
}

/** Every preferred fix, repeated until none is left, as one edit pinned to the document version. */
export function fixAllEdit(doc: TextDocument, kind: FileKind, settings: Settings): WorkspaceEdit | undefined {
	return fixAllResult(doc, kind, settings).edit ?? undefined;
}

/** Fix All's edit, and what it fixes and leaves (problems whose only fixes are a choice). */
export function fixAllResult(doc: TextDocument, kind: FileKind, settings: Settings): FixAllResult {
	const text = doc.getText();
	const fixed = fixAll(text, kind, settings);
	const edit = diffEdit(text, fixed.text);
	const choices = fixed.findings.filter((f) => f.fixes.length && !f.fixes.some((x) => x.preferred)).length;
	return { edit: edit ? toWorkspaceEdit(doc, [edit]) : null, fixed: fixed.applied, choices };
}

function sameRange(
	a: { start: { line: number; character: number }; end: { line: number; character: number } },
	b: typeof a,
): boolean {
	return (
		a.start.line === b.start.line &&
		a.start.character === b.start.character &&
		a.end.line === b.end.line &&
		a.end.character === b.end.character
	);
}
