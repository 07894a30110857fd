//! Test connection lenses for the lines on screen only. The standard request has no range, so VS Code would get (and
//! lay out) every lens of a document on every change: a 2 MB file with 13,500 URLs cost 140–540 ms per keystroke. Here
//! the lens provider asks the server for the visible lines of the document's editors (with a screen's margin) and
//! asks again when they scroll; the server sends each lens as a position and resolves those VS Code shows. A document
//! no editor shows (another extension asking) gets them all, as the standard request gives them.
import { window, type Disposable, type TextDocument, type TextEditor } from 'vscode';
import type { CodeLensMiddleware, LanguageClient } from 'vscode-languageclient/node';
import { VisibleCodeLensRequest } from '../../server/src/protocol';

/** Lines asked for above and below what is visible, so that a small scroll shows lenses at once. */
const MARGIN = 100;

export class VisibleLenses implements Disposable {
	private client: LanguageClient | undefined;
	private timer: NodeJS.Timeout | undefined;
	private readonly scrolling: Disposable;

	constructor() {
		this.scrolling = window.onDidChangeTextEditorVisibleRanges((e) => this.scrolled(e.textEditor));
	}

	/** The client that asks the server (set once it is made). */
	attach(client: LanguageClient): void {
		this.client = client;
	}

	readonly middleware: CodeLensMiddleware = {
		provideCodeLenses: async (document, token, next) => {
			const lines = visibleLines(document);
			const client = this.client;
			if (!lines.length || !client) return next(document, token);
			const lenses = await client.sendRequest(
				VisibleCodeLensRequest.type,
				{ textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) }, lines },
				token,
			);
			return client.protocol2CodeConverter.asCodeLenses(lenses, token);
		},
	};

	private scrolled(editor: TextEditor): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			this.client?.getFeature('textDocument/codeLens').getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
		}, 100);
	}

	dispose(): void {
		clearTimeout(this.timer);
		this.scrolling.dispose();
	}
}

/** The lines the document's editors show, widened by the margin (none when no editor shows it). */
function visibleLines(document: TextDocument): { start: number; end: number }[] {
	return window.visibleTextEditors
		.filter((e) => e.document === document)
		.flatMap((e) => e.visibleRanges)
		.map((r) => ({ start: Math.max(0, r.start.line - MARGIN), end: r.end.line + MARGIN }));
}
