//! A third session, with examples/ as the workspace: the mail and Redis client rules in the real editor.
import Mocha from 'mocha';
import * as path from 'node:path';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
	mocha.addFile(path.join(__dirname, 'clients.test.js'));
	return new Promise((resolve, reject) => {
		mocha.run((failures) => (failures ? reject(new Error(`${failures} end-to-end tests failed`)) : resolve()));
	});
}
