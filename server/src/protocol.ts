//! Custom messages between the extension and the server, typed once (vscode-eslint, rust-analyzer lsp_ext.ts).
//! The only server file the client imports.
import { RequestType, type VersionedTextDocumentIdentifier, type WorkspaceEdit } from 'vscode-languageserver-protocol';

/** Command ids contributed in package.json and used in code actions and code lenses. */
export const Commands = {
	testConnection: 'transportLint.testConnection',
	fixAll: 'transportLint.fixAll',
	disableRule: 'transportLint.disableRule',
} as const;

export const FIX_ALL_KIND = 'source.fixAll.transportLint';

export interface FixAllParams {
	textDocument: VersionedTextDocumentIdentifier;
}

/** The edit that applies every preferred fix in a document (until none is left), or null when there is none. */
export namespace FixAllRequest {
	export const method = 'transportLint/fixAll' as const;
	export const type = new RequestType<FixAllParams, WorkspaceEdit | null, void>(method);
}

/** Arguments of the disable-rule command: the rule and the document whose settings scope to change. */
export interface DisableRuleArgs {
	ruleId: string;
	uri: string;
}
