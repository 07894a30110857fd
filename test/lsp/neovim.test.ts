//! A second real editor (issue 25): Neovim's built-in LSP client (Debian's neovim 0.7, headless) against the built
//! server — diagnostics in a PHP file and a .env, hover, a code action applied to the buffer, and the Test connection
//! command. test/lsp/neovim/drive.lua does the driving and writes what Neovim saw; this checks it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/paths';

interface Seen {
	error: string | null;
	steps: string[];
	php: {
		code: string;
		lnum: number;
		col: number;
		end_col: number;
		severity: number;
		message: string;
		source: string;
	}[];
	env: { code: string; lnum: number; col: number; severity: number }[];
	hover: string;
	actions: { title: string; kind: string; isPreferred: boolean }[];
	applied: string;
	after: string[];
	php_after: unknown[];
	command: string;
}

test('Neovim: diagnostics, hover, a code action and the Test connection command over stdio', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-nvim-'));
	try {
		mkdirSync(path.join(dir, 'src'));
		writeFileSync(path.join(dir, 'src/socket.php'), "<?php\n$fp = stream_socket_client('tcp://fe80::1:80');\n");
		writeFileSync(path.join(dir, '.env'), 'MAILER_DSN=smtps://user:pass@smtp.example.com:587\n');
		const out = path.join(dir, 'seen.json');
		const run = spawnSync(
			'nvim',
			['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'test/lsp/neovim/drive.lua')}`],
			{
				env: {
					...process.env,
					TL_OUT: out,
					TL_ROOT: dir,
					TL_NODE: process.execPath,
					TL_SERVER: path.join(ROOT, 'server/out/server.js'),
				},
				timeout: 60_000,
				encoding: 'utf8',
			},
		);
		assert.equal(run.error, undefined, `nvim: ${run.error?.message}`);
		const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
		assert.equal(seen.error, null, `${seen.error} (after ${seen.steps.join(', ')})`);
		// The PHP file: ipv6-brackets on the URL, an error, with the server's name as the source.
		assert.deepEqual(
			seen.php.map((d) => [d.code, d.lnum, d.col, d.end_col, d.severity, d.source]),
			[['ipv6-brackets', 1, 34, 44, 1, 'transport-lint']],
		);
		// The .env: the Symfony Mailer DSN, smtps:// on a STARTTLS port.
		assert.deepEqual(
			seen.env.map((d) => [d.code, d.lnum]),
			[['symfony-mailer-dsn', 0]],
		);
		assert.match(seen.hover, /fe80/);
		assert.ok(seen.actions.some((a) => a.isPreferred && a.kind === 'quickfix'));
		assert.deepEqual(seen.after, ['<?php', "$fp = stream_socket_client('tcp://[fe80::1]:80');"]);
		assert.deepEqual(seen.php_after, []);
		assert.match(seen.command, /untrusted workspace/);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
