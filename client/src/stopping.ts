//! Providers answer nothing, instead of failing, once the client is stopping. When a window reloads, VS Code stops
//! the extension host: the client stops and the server's channel closes while the editor may still ask for code
//! actions, hovers or lenses; vscode-languageclient rejects those with "Channel has been closed" (a plain Error, which
//! its handleFailedRequest does not treat as the connection going away) and VS Code logs "provider FAILED" for each.
//! A request that fails while the client is not running has no answer to give: it gets the empty one.
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';

/** `run`'s answer; `empty` when it fails once the client is no longer running (any other failure is thrown). */
export async function whileRunning<T>(
	client: LanguageClient | undefined,
	run: () => T | Thenable<T>,
	empty: T,
): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (client && !client.isRunning()) return empty;
		throw e;
	}
}

/** The providers the server offers besides the lenses (which lenses.ts guards itself). */
export function quietWhenStopping(
	client: () => LanguageClient | undefined,
): Pick<Middleware, 'provideCodeActions' | 'resolveCodeAction' | 'provideHover' | 'resolveCodeLens'> {
	return {
		provideCodeActions: (document, range, context, token, next) =>
			whileRunning(client(), () => next(document, range, context, token), undefined),
		resolveCodeAction: (item, token, next) => whileRunning(client(), () => next(item, token), item),
		provideHover: (document, position, token, next) =>
			whileRunning(client(), () => next(document, position, token), undefined),
		resolveCodeLens: (lens, token, next) => whileRunning(client(), () => next(lens, token), lens),
	};
}
