//! "Transport Lint: Test Connection": the URL under the cursor (or from the code lens), else a quick pick of the
//! document's URLs, else an input box → TestConnectionRequest with progress and Cancel → verdict + output channel.
import {
	commands,
	ProgressLocation,
	window,
	workspace,
	type OutputChannel,
	type QuickPick,
	type QuickPickItem,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
	briefVerdict,
	formatReport,
	ListTargetsRequest,
	TestConnectionRequest,
	type ProbeReport,
	type TargetItem,
	type TestConnectionParams,
} from '../../server/src/protocol';

export interface LensArgs {
	uri: string;
	offset: number;
	/** A mail or Redis client configuration (tested with its library's semantics). */
	client?: boolean;
}

/** What Test connection says in Restricted Mode, and the button that leads to the trust settings. */
const RESTRICTED = ['Transport Lint: Test connection is off in Restricted Mode.', 'Manage Workspace Trust'] as const;
const MANAGE_TRUST = 'workbench.trust.manage';
/** The refusals shown (message and button), for the end-to-end tests. */
export const refusals: (readonly [string, string])[] = [];

/** Returns the report (for tests and other extensions); the notification does not wait for the user. */
export async function testConnection(
	client: LanguageClient,
	output: OutputChannel,
	starttls: boolean,
	arg?: LensArgs,
	withPhp = false,
): Promise<ProbeReport | undefined> {
	if (!workspace.isTrusted) {
		const [message, button] = RESTRICTED;
		refusals.push(RESTRICTED);
		void window.showWarningMessage(message, button).then((choice) => choice && commands.executeCommand(MANAGE_TRUST));
		return undefined;
	}
	const params: TestConnectionParams | undefined = arg
		? { uri: arg.uri, offset: arg.offset, ...(arg.client && { client: true }) }
		: await pickTarget(client);
	if (!params) return undefined;
	if (starttls && !params.client) Object.assign(params, { starttls: 'auto' });
	if (withPhp) Object.assign(params, { php: true });
	const result = await window.withProgress(
		{
			location: ProgressLocation.Notification,
			title: `Transport Lint: testing${starttls ? ' with STARTTLS' : ''}${withPhp ? ' (and with PHP)' : ''}…`,
			cancellable: true,
		},
		(_progress, token) => client.sendRequest(TestConnectionRequest.type, params, token),
	);
	if ('refused' in result) {
		void window.showErrorMessage(`Transport Lint: cannot test this target: ${result.refused}`);
		return undefined;
	}
	const { report } = result;
	// The log channel stamps each entry with its time: no second timestamp here.
	output.appendLine(
		`Test connection${starttls ? ' (STARTTLS)' : ''}${withPhp ? ' with PHP' : ''}\n${formatReport(report)}`,
	);
	const show = report.ok ? window.showInformationMessage : window.showWarningMessage;
	// One or two lines; the steps and the whole verdict are in the output, behind the button.
	void show(`Transport Lint: ${briefVerdict(report.verdict)}`, 'Show details').then((choice) => {
		if (choice === 'Show details') output.show(true);
	});
	return report;
}

async function pickTarget(client: LanguageClient): Promise<TestConnectionParams | undefined> {
	const editor = window.activeTextEditor;
	if (editor) {
		const uri = editor.document.uri.toString();
		const items = await client.sendRequest(ListTargetsRequest.type, { uri });
		const offset = editor.document.offsetAt(editor.selection.active);
		const under = items.find((i) => i.offset <= offset && offset <= i.end);
		if (under) return { uri, offset: under.offset, ...(under.client && { client: true }) };
		if (items.length) {
			const picked = await pickOrType(
				items.map((i) => ({ label: i.target, description: `line ${i.line + 1}`, detail: i.refused, item: i })),
			);
			if (picked === undefined) return undefined;
			if (typeof picked === 'string') return { target: picked };
			return { uri, offset: picked.offset, ...(picked.client && { client: true }) };
		}
	}
	const target = await window.showInputBox({
		prompt: 'Transport URL to test',
		placeHolder: 'tls://smtp.example.com:465',
	});
	return target ? { target } : undefined;
}

type TargetPick = QuickPickItem & { item?: TargetItem; typed?: string };

/** The target quick pick while it is open (for the end-to-end tests, which type into it as a user does). */
let openPick: QuickPick<TargetPick> | undefined;
export function targetPick(): QuickPick<QuickPickItem> | undefined {
	return openPick;
}

/**
 * The document's URLs to pick from, and what the user types, tested as typed: a URL computed at run time ("type the
 * full URL to test it") can be written out in the same box. Picking one that cannot be tested puts it in the box to
 * complete, instead of closing.
 */
function pickOrType(base: TargetPick[]): Promise<TargetItem | string | undefined> {
	const qp = window.createQuickPick<TargetPick>();
	openPick = qp;
	qp.placeholder = 'Pick a transport URL, or type one to test (tls://smtp.example.com:465)';
	qp.items = base;
	return new Promise((resolve) => {
		let done = false;
		const finish = (v: TargetItem | string | undefined) => {
			if (done) return;
			done = true;
			if (openPick === qp) openPick = undefined;
			resolve(v);
			qp.dispose();
		};
		qp.onDidChangeValue((value) => {
			const typed = value.trim();
			qp.items = typed
				? [{ label: typed, description: 'test the URL as typed', typed, alwaysShow: true }, ...base]
				: base;
		});
		qp.onDidAccept(() => {
			const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
			if (chosen?.typed) return finish(chosen.typed);
			if (chosen?.item?.refused) {
				qp.value = chosen.item.target;
				return;
			}
			finish(chosen?.item);
		});
		qp.onDidHide(() => finish(undefined));
		qp.show();
	});
}
