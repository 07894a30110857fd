//! "Disable <rule> in settings": turns a rule off in the settings scope of the document's workspace folder.
import { ConfigurationTarget, Uri, window, workspace } from 'vscode';
import type { DisableRuleArgs } from '../../server/src/protocol';

export async function disableRule(args: DisableRuleArgs): Promise<void> {
	const uri = Uri.parse(args.uri);
	const config = workspace.getConfiguration('transportLint', uri);
	const folder = workspace.getWorkspaceFolder(uri);
	const target = folder
		? ConfigurationTarget.WorkspaceFolder
		: workspace.workspaceFolders
			? ConfigurationTarget.Workspace
			: ConfigurationTarget.Global;
	const rules = { ...config.get<Record<string, string>>('rules', {}), [args.ruleId]: 'off' };
	await config.update('rules', rules, target);
	void window.showInformationMessage(`Transport Lint: ${args.ruleId} is off (transportLint.rules).`);
}
