//! The entry the extension host loads (extensionTestsPath): runs the mocha suite and rejects on any failure.
import Mocha from 'mocha';
import * as path from 'node:path';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
	mocha.addFile(path.join(__dirname, 'extension.test.js'));
	return new Promise((resolve, reject) => {
		mocha.run((failures) => (failures ? reject(new Error(`${failures} end-to-end tests failed`)) : resolve()));
	});
}
