//! Test connection lenses for the lines on screen only. The standard request has no range, so VS Code would get (and
//! lay out) every lens of a document on every change: a 2 MB file with 13,500 URLs cost 140–540 ms per keystroke. Here
//! the lens provider asks the server for the visible lines of the document's editors (with a screen's margin) and
//! asks again when they scroll; the server sends each lens as a position and resolves those VS Code shows. A document
//! no editor shows (another extension asking) gets them all, as the standard request gives them. The lines that have
//! a lens set the `transportLint.onTarget` context key when the cursor is on one: the editor's context menu offers
//! Test connection there only. In Restricted Mode, where Test connection is off, there are no lenses.
import { commands, window, workspace, type Disposable, type TextDocument, type TextEditor } from 'vscode';
import type { CodeLensMiddleware, LanguageClient } from 'vscode-languageclient/node';
import { VisibleCodeLensRequest } from '../../server/src/protocol';
import { whileRunning } from './stopping';

/** Lines asked for above and below what is visible, so that a small scroll shows lenses at once. */
const MARGIN = 100;

export class VisibleLenses implements Disposable {
	private client: LanguageClient | undefined;
	private timer: NodeJS.Timeout | undefined;
	private readonly listeners: Disposable[];
	/** The lines with a lens in each document's last answer. */
	private readonly lensLines = new WeakMap<TextDocument, Set<number>>();
	/** Whether the cursor of the active editor is on a line with a lens (the context key's value). */
	onTarget = false;

	constructor() {
		this.listeners = [
			window.onDidChangeTextEditorVisibleRanges((e) => this.scrolled(e.textEditor)),
			window.onDidChangeTextEditorSelection((e) => this.cursor(e.textEditor)),
			window.onDidChangeActiveTextEditor((e) => this.cursor(e)),
			// Trusted now: the lenses of every open editor appear.
			workspace.onDidGrantWorkspaceTrust(() => {
				for (const e of window.visibleTextEditors) this.refresh(e.document);
			}),
		];
	}

	private cursor(editor: TextEditor | undefined): void {
		const on = !!editor && !!this.lensLines.get(editor.document)?.has(editor.selection.active.line);
		if (on === this.onTarget) return;
		this.onTarget = on;
		void commands.executeCommand('setContext', 'transportLint.onTarget', on);
	}

	/** The client that asks the server (set once it is made). */
	attach(client: LanguageClient): void {
		this.client = client;
	}

	readonly middleware: CodeLensMiddleware = {
		provideCodeLenses: async (document, token, next) => {
			// Test connection is off in Restricted Mode: nothing offers it there.
			if (!workspace.isTrusted) {
				this.noted(document, []);
				return [];
			}
			const lines = visibleLines(document);
			const client = this.client;
			if (!lines.length || !client) {
				const all = await whileRunning(client, () => next(document, token), []);
				this.noted(document, all);
				return all;
			}
			const lenses = await whileRunning(
				client,
				() =>
					client.sendRequest(
						VisibleCodeLensRequest.type,
						{ textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) }, lines },
						token,
					),
				[],
			);
			const converted = await client.protocol2CodeConverter.asCodeLenses(lenses, token);
			this.noted(document, converted);
			return converted;
		},
	};

	private noted(document: TextDocument, lenses: { range: { start: { line: number } } }[] | null | undefined): void {
		this.lensLines.set(document, new Set((lenses ?? []).map((l) => l.range.start.line)));
		if (window.activeTextEditor?.document === document) this.cursor(window.activeTextEditor);
	}

	private scrolled(editor: TextEditor): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.refresh(editor.document), 100);
	}

	/** Makes VS Code ask for the document's lenses again. */
	private refresh(document: TextDocument): void {
		this.client?.getFeature('textDocument/codeLens').getProvider(document)?.onDidChangeCodeLensEmitter.fire();
	}

	dispose(): void {
		clearTimeout(this.timer);
		for (const l of this.listeners) l.dispose();
	}
}

/** The lines the document's editors show, widened by the margin (none when no editor shows it). */
function visibleLines(document: TextDocument): { start: number; end: number }[] {
	return window.visibleTextEditors
		.filter((e) => e.document === document)
		.flatMap((e) => e.visibleRanges)
		.map((r) => ({ start: Math.max(0, r.start.line - MARGIN), end: r.end.line + MARGIN }));
}
