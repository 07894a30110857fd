//! Restarts a crashed server (up to 5 times in 3 minutes) and tells the user once per session.
import { window } from 'vscode';
import {
	CloseAction,
	ErrorAction,
	type CloseHandlerResult,
	type ErrorHandler,
	type ErrorHandlerResult,
} from 'vscode-languageclient/node';

export class RestartingErrorHandler implements ErrorHandler {
	private readonly restarts: number[] = [];
	private told = false;

	error(): ErrorHandlerResult {
		return { action: ErrorAction.Continue };
	}

	closed(): CloseHandlerResult {
		const now = Date.now();
		this.restarts.push(now);
		while (this.restarts.length && this.restarts[0]! < now - 3 * 60_000) this.restarts.shift();
		if (this.restarts.length > 5) {
			void window.showErrorMessage(
				'Transport Lint: the language server crashed 5 times in 3 minutes and will not be restarted. See the "Transport Lint" output.',
			);
			return { action: CloseAction.DoNotRestart, handled: true };
		}
		if (!this.told) {
			this.told = true;
			void window.showWarningMessage('Transport Lint: the language server stopped unexpectedly and was restarted.');
		}
		return { action: CloseAction.Restart, handled: true };
	}
}
