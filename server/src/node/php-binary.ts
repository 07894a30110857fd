//! Asks a PHP binary what it is: version, stream_get_transports(), OpenSSL, STREAM_CRYPTO_METHOD_* constants.
//! One short `php -r` run (PHP 5.2+ syntax) with a timeout and an output cap, cached by path, size and mtime. Used
//! by the language server (trusted workspaces only) and by the CLI's --php.
import { execFile } from 'node:child_process';
import { promises as fs, constants as fsc } from 'node:fs';
import * as path from 'node:path';
import type { PhpEnvironment } from '../engine/index';

export const ASK_SCRIPT = [
	'$c = array();',
	"foreach (get_defined_constants() as $k => $v) { if (strpos($k, 'STREAM_CRYPTO_METHOD_') === 0) { $c[] = $k; } }",
	"echo json_encode(array('version' => PHP_VERSION, 'transports' => stream_get_transports(),",
	"'openssl' => defined('OPENSSL_VERSION_TEXT') ? OPENSSL_VERSION_TEXT : null, 'constants' => $c));",
].join(' ');

/** The file `name` resolves to: a path as given, or the first executable of that name on PATH. */
export async function resolveExecutable(name: string, envPath = process.env.PATH ?? ''): Promise<string | undefined> {
	const isExecutable = async (p: string): Promise<boolean> => {
		try {
			const st = await fs.stat(p);
			if (!st.isFile()) return false;
			await fs.access(p, fsc.X_OK);
			return true;
		} catch {
			return false;
		}
	};
	if (name.includes('/') || name.includes('\\')) return (await isExecutable(name)) ? path.resolve(name) : undefined;
	for (const dir of envPath.split(path.delimiter)) {
		if (!dir) continue;
		const candidate = path.join(dir, name);
		if (await isExecutable(candidate)) return candidate;
	}
	return undefined;
}

/** Runs `php` with arguments, bounded in time and output; resolves with stdout, stderr and the exit code. */
export function runPhp(
	php: string,
	args: string[],
	timeoutMs: number,
	maxBytes = 1 << 20,
): Promise<{ stdout: string; stderr: string; code: number | null; timedOut: boolean }> {
	return new Promise((resolve) => {
		execFile(
			php,
			args,
			{ timeout: timeoutMs, maxBuffer: maxBytes, killSignal: 'SIGKILL', windowsHide: true, env: { ...process.env } },
			(error, stdout, stderr) => {
				const e = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
				resolve({
					stdout: String(stdout),
					stderr: String(stderr),
					code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
					timedOut: e?.killed === true,
				});
			},
		);
	});
}

/** What the binary says about itself, or an Error with a message that names the binary and the problem. */
export async function askPhp(php: string, timeoutMs = 5000): Promise<PhpEnvironment> {
	const r = await runPhp(php, ['-r', ASK_SCRIPT], timeoutMs);
	if (r.timedOut) throw new Error(`${php} did not answer within ${timeoutMs} ms`);
	let o: Record<string, unknown>;
	try {
		o = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
	} catch {
		const why = (r.stderr || r.stdout).trim().split('\n')[0]?.slice(0, 200) || `exit code ${r.code}`;
		throw new Error(`${php} is not a working PHP CLI (${why})`);
	}
	const version = typeof o.version === 'string' ? o.version : undefined;
	if (!version) throw new Error(`${php} did not report a version`);
	const strings = (v: unknown): string[] | undefined =>
		Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
	return {
		version,
		source: `${php} ${version}`,
		path: php,
		transports: strings(o.transports),
		openssl: typeof o.openssl === 'string' ? o.openssl : null,
		cryptoConstants: strings(o.constants),
	};
}

/** askPhp(), cached while the binary's size and mtime stay the same. */
export class PhpBinaryCache {
	private readonly cache = new Map<string, { key: string; env: Promise<PhpEnvironment> }>();

	async ask(php: string, timeoutMs = 5000): Promise<PhpEnvironment> {
		const st = await fs.stat(php);
		const key = `${st.size}:${st.mtimeMs}`;
		const hit = this.cache.get(php);
		if (hit && hit.key === key) return hit.env;
		const env = askPhp(php, timeoutMs);
		this.cache.set(php, { key, env });
		env.catch(() => this.cache.delete(php));
		return env;
	}

	clear(): void {
		this.cache.clear();
	}
}
