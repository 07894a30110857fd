import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lowestAllowed, olderThan, versionParts } from '../../server/src/engine/index';
import { parseComposer } from '../../server/src/node/project';

test('versions and composer constraints', () => {
	assert.deepEqual(versionParts('8.2.36-1~deb12u1'), [8, 2, 36]);
	assert.deepEqual(versionParts('7.4'), [7, 4, 0]);
	assert.equal(versionParts('latest'), undefined);
	assert.equal(olderThan('7.1.33', '7.2'), true);
	assert.equal(olderThan('5.6.40', '5.6.7'), false);
	assert.equal(olderThan('8.2.36', '7.4'), false);
	const table: [string, string | undefined][] = [
		['>=7.1', '7.1'],
		['^8.1 || ^7.4', '7.4'],
		['^7.3|^8.0', '7.3'],
		['~7.2.5', '7.2.5'],
		['8.2.*', '8.2'],
		['>=7.4 <8.3', '7.4'],
		['*', undefined],
	];
	for (const [c, want] of table) assert.equal(lowestAllowed(c), want, c);
});

test('composer.lock gives installed versions and the platform PHP; composer.json gives constraints', () => {
	const lock = parseComposer(
		JSON.stringify({
			packages: [{ name: 'laravel/framework', version: 'v8.83.27' }],
			'packages-dev': [{ name: 'phpunit/phpunit', version: '9.6.0' }],
			platform: { php: '^7.3|^8.0' },
		}),
		true,
	);
	assert.deepEqual(lock?.packages, { 'laravel/framework': 'v8.83.27', 'phpunit/phpunit': '9.6.0', php: '^7.3|^8.0' });
	const json = parseComposer(JSON.stringify({ require: { php: '>=8.1', 'predis/predis': '^2.0' } }), false);
	assert.deepEqual(json?.packages, { php: '>=8.1', 'predis/predis': '^2.0' });
	assert.equal(lock?.from, 'composer.lock');
	assert.equal(json?.from, 'composer.json');
	assert.equal(parseComposer('{not json', true), undefined);
	assert.equal(parseComposer('"a string"', false), undefined);
});
