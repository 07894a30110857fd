//! "Disable <rule> in settings": turns a rule off in the settings scope of the document's workspace folder, and says
//! so with Undo (the rule's previous setting back) and Open Settings.
import { commands, ConfigurationTarget, Uri, window, workspace } from 'vscode';
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
	// The value of that scope alone (not the merged one), so that Undo puts back exactly what was there.
	const inspected = config.inspect<Record<string, string>>('rules');
	const before =
		target === ConfigurationTarget.WorkspaceFolder
			? inspected?.workspaceFolderValue
			: target === ConfigurationTarget.Workspace
				? inspected?.workspaceValue
				: inspected?.globalValue;
	await config.update('rules', { ...config.get<Record<string, string>>('rules', {}), [args.ruleId]: 'off' }, target);
	// Not awaited: the command is done once the setting is written, whatever the user does with the message.
	void window
		.showInformationMessage(`Transport Lint: ${args.ruleId} is off (transportLint.rules).`, 'Undo', 'Open Settings')
		.then(async (choice) => {
			if (choice === 'Undo') await config.update('rules', before, target);
			else if (choice === 'Open Settings')
				await commands.executeCommand('workbench.action.openSettings', 'transportLint.rules');
		});
}
