import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, whatPhpDoes, type SocketFunction } from '../../server/src/engine/index';
import { ROOT } from '../helpers/paths';
import { expectedVerdict, phpMessage, phpVerdict, type PhpResult } from './environment';

interface Entry {
	fn: 'client' | 'fsockopen' | 'server';
	target: string;
	port?: number;
	flags?: string;
}

/**
 * A diagnostic for this call quotes PHP's own error text, so users can search for it: in its long story (`detail`,
 * which the hover shows), or in the message when that is all there is.
 */
function ruleQuotes(e: Entry, message: string): boolean {
	if (e.target.includes('\0')) return true;
	const literal = `'${e.target.replace(/[\\']/g, (c) => '\\' + c)}'`;
	const src = `<?php ${FN[e.fn]}(${literal}${e.port !== undefined ? `, ${e.port}` : ''});`;
	return analyze(src, 'php').findings.some((f) => (f.detail ?? f.message).includes(message.slice(0, 80)));
}

const FN: Record<Entry['fn'], SocketFunction> = {
	client: 'stream_socket_client',
	fsockopen: 'fsockopen',
	server: 'stream_socket_server',
};

function runPhp(dir: string): PhpResult[] {
	const r = spawnSync('unshare', ['--net', 'bash', path.join(ROOT, 'test/php/netns-run.sh'), dir, ROOT], {
		encoding: 'utf8',
		timeout: 180_000,
		maxBuffer: 64 * 1024 * 1024,
	});
	if (r.error || r.status !== 0) {
		throw new Error(
			`could not run PHP in a loopback-only network namespace (needs root, util-linux unshare, iproute2, openssl and php-cli; ` +
				`test/setup/system-deps.sh installs them on Debian): ${r.error?.message ?? ''} exit ${r.status}\n${r.stderr}`,
		);
	}
	return r.stdout
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as PhpResult);
}

test('the engine predicts what PHP 8 does with every corpus string', () => {
	const entries = readFileSync(path.join(ROOT, 'test/corpus/transports.jsonl'), 'utf8')
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as Entry);
	assert.ok(entries.length >= 400, `corpus has ${entries.length} entries`);
	const dir = mkdtempSync(path.join(tmpdir(), 'tl-php-'));
	try {
		const concrete = entries.map((e) => ({ ...e, target: e.target.replaceAll('@DIR@', dir) }));
		writeFileSync(path.join(dir, 'corpus.jsonl'), concrete.map((e) => JSON.stringify(e)).join('\n') + '\n');
		const results = runPhp(dir);
		assert.equal(results.length, concrete.length, 'one PHP result per corpus entry');
		const disagreements: string[] = [];
		const counts = new Map<string, number>();
		concrete.forEach((e, i) => {
			const r = results[i]!;
			const outcome = whatPhpDoes(FN[e.fn], e.target, e.port);
			const php = phpVerdict(e.fn, outcome.kind === 'unix', r);
			const engine = expectedVerdict(e.fn, outcome, e.flags, dir);
			counts.set(php, (counts.get(php) ?? 0) + 1);
			const message = phpMessage(r);
			const sameText =
				outcome.message === undefined ||
				php !== engine ||
				!['unknown-transport', 'parse-error'].includes(php) ||
				message === outcome.message;
			const sameHost =
				php !== 'resolve' ||
				engine !== 'resolve' ||
				outcome.kind !== 'resolve-error' ||
				message.includes(`getaddrinfo for ${outcome.host} failed`);
			const quoted =
				php !== engine ||
				(!['unknown-transport', 'parse-error'].includes(php) && outcome.kind !== 'resolve-error') ||
				ruleQuotes(e, php === 'resolve' ? '' : message);
			if (php !== engine || !sameText || !sameHost || !quoted) {
				disagreements.push(
					(quoted ? '' : 'no rule quotes PHP: ') +
						`${e.fn}(${JSON.stringify(e.target)}${e.port !== undefined ? `, ${e.port}` : ''}): PHP ${php} "${message}" / engine ${engine}` +
						` (${outcome.kind}${outcome.host !== undefined ? ` host ${JSON.stringify(outcome.host)}` : ''}${outcome.port !== undefined ? ` port ${outcome.port}` : ''}) "${outcome.message ?? ''}"`,
				);
			}
		});
		console.log(`PHP verdicts over ${concrete.length} strings: ${JSON.stringify(Object.fromEntries(counts))}`);
		assert.deepEqual(disagreements, [], `${disagreements.length} disagreements:\n${disagreements.join('\n')}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
