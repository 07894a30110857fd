//! The stdio encoder (json-encoder.ts) writes the same JSON value as JSON.stringify for every message, publishing
//! diagnostics or not, with any text in them, and again when the same diagnostic objects are published twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Message } from 'vscode-jsonrpc/node';
import { encodeMessage } from '../../server/src/lsp/json-encoder';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const position = fc.record({ line: fc.nat(), character: fc.nat() });
const diagnostic = fc.record(
	{
		range: fc.record({ start: position, end: position }),
		severity: fc.integer({ min: 1, max: 4 }),
		code: text,
		source: fc.constant('transport-lint'),
		message: text,
		codeDescription: fc.record({ href: text }),
	},
	{ requiredKeys: ['range', 'message'] },
);

test('encoded messages parse to what JSON.stringify gives, diagnostics encoded once or again', () => {
	fc.assert(
		fc.property(
			fc.array(diagnostic, { maxLength: 80, size: 'max' }),
			fc.option(fc.integer(), { nil: undefined }),
			text,
			(diagnostics, version, uri) => {
				const publish = {
					jsonrpc: '2.0',
					method: 'textDocument/publishDiagnostics',
					params: { uri, version, diagnostics },
				} as Message;
				for (let round = 0; round < 2; round++)
					assert.deepEqual(JSON.parse(encodeMessage(publish).toString('utf8')), JSON.parse(JSON.stringify(publish)));
				// The same objects in another order and another message.
				const again = { ...publish, params: { uri, diagnostics: [...diagnostics].reverse() } } as Message;
				assert.deepEqual(JSON.parse(encodeMessage(again).toString('utf8')), JSON.parse(JSON.stringify(again)));
				const other = { jsonrpc: '2.0', id: 1, result: { diagnostics } } as Message;
				assert.deepEqual(encodeMessage(other), Buffer.from(JSON.stringify(other), 'utf8'));
			},
		),
		{ numRuns: 300, seed: 20261125 },
	);
});

test('a document published again and again: the runs kept from its last publish are copied right', () => {
	// Each step keeps some diagnostics at the start and the end of a document's previous list (the same objects, as
	// the server carries them), replaces or drops what is between, and publishes; documents interleave, and more of
	// them than the encoder keeps push each other out.
	const step = fc.record({
		doc: fc.integer({ min: 0, max: 11 }),
		// Few, a few, all (the modulo below) or any: the edges of the runs are where the commas go wrong.
		keepStart: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant(1000), fc.nat()),
		keepEnd: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant(1000), fc.nat()),
		fresh: fc.oneof(fc.array(diagnostic, { maxLength: 2 }), fc.array(diagnostic, { maxLength: 40 })),
		version: fc.integer({ min: 0, max: 1_000_000 }),
	});
	fc.assert(
		fc.property(
			fc.array(diagnostic, { minLength: 32, maxLength: 90 }),
			fc.array(step, { maxLength: 30 }),
			(start, steps) => {
				const lists = new Map<number, typeof start>();
				for (const { doc, keepStart, keepEnd, fresh, version } of steps) {
					const prev = lists.get(doc) ?? start;
					const a = keepStart % (prev.length + 1);
					const b = Math.min(keepEnd % (prev.length + 1), prev.length - a);
					const diagnostics = [...prev.slice(0, a), ...fresh, ...prev.slice(prev.length - b)];
					lists.set(doc, diagnostics);
					const publish = {
						jsonrpc: '2.0',
						method: 'textDocument/publishDiagnostics',
						params: { uri: `file:///doc${doc}.php`, version, diagnostics },
					} as Message;
					assert.deepEqual(JSON.parse(encodeMessage(publish).toString('utf8')), JSON.parse(JSON.stringify(publish)));
				}
			},
		),
		{ numRuns: 200, seed: 20261126 },
	);
});
