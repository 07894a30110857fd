//! The soak session's entry (extensionTestsPath): runs soak.test.js.
import Mocha from 'mocha';
import * as path from 'node:path';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 0, reporter: 'spec' });
	mocha.addFile(path.join(__dirname, 'soak.test.js'));
	return new Promise((resolve, reject) => {
		mocha.run((failures) => (failures ? reject(new Error(`${failures} soak tests failed`)) : resolve()));
	});
}
