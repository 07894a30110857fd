//! A deterministic (seeded) workspace for the benchmark: PHP and config files with a realistic density of transport
//! URLs, valid and broken, around plenty of ordinary code and config text.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const URLS = [
	"'tcp://127.0.0.1:6379'",
	"'tls://smtp.example.com:587'",
	"'ssl://smtp.example.com:465'",
	"'tcp://fd00::10:6379'",
	"'unix:///run/php/fpm.sock'",
	"'udp://10.0.0.1:8125'",
	"'TCP://db:3306'",
];
const CODE = [
	'$total = array_sum(array_map(fn ($x) => $x * 2, $items));',
	'if ($user->isAdmin() && !$request->has("token")) { throw new RuntimeException("denied"); }',
	'$logger->info(sprintf("Processed %d rows in %.2f s", $count, microtime(true) - $start));',
	'// TODO: move this into a service class once the refactoring lands',
	'$url = "https://api.example.com/v2/orders/" . urlencode($id);',
	'return $this->repository->findBy(["status" => "paid"], ["created_at" => "DESC"], 50);',
];
const CONFIG = [
	'APP_NAME=Shop',
	'APP_URL=https://shop.example.com',
	'LOG_LEVEL=debug',
	'CACHE_TTL=3600',
	'QUEUE=redis',
	'MAIL_PORT=587',
];

export function generate(
	root: string,
	files: number,
	bytesPerFile: number,
	seed = 42,
): { files: number; bytes: number } {
	const rand = rng(seed);
	const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
	let bytes = 0;
	for (let i = 0; i < files; i++) {
		const dir = path.join(root, `module${i % 100}`, `sub${Math.floor(i / 100) % 10}`);
		mkdirSync(dir, { recursive: true });
		const kind = rand();
		let text: string;
		let name: string;
		if (kind < 0.8) {
			const lines = ['<?php', 'namespace App\\Module;', ''];
			while (lines.join('\n').length < bytesPerFile) {
				lines.push(
					rand() < 0.01
						? `$s = stream_socket_client(${pick(URLS)}, $errno, $errstr, 5);`
						: rand() < 0.005
							? `$f = fsockopen('fe80::1', 80);`
							: pick(CODE),
				);
			}
			text = lines.join('\n') + '\n';
			name = `File${i}.php`;
		} else {
			const lines: string[] = [];
			while (lines.join('\n').length < bytesPerFile)
				lines.push(rand() < 0.02 ? `REDIS_URL=${pick(URLS).slice(1, -1)}` : pick(CONFIG));
			text = lines.join('\n') + '\n';
			name = kind < 0.9 ? `.env.${i}` : `config${i}.yaml`;
			if (name.endsWith('.yaml')) text = text.replace(/^([A-Z_]+)=/gm, (_m, k: string) => `${k.toLowerCase()}: `);
		}
		writeFileSync(path.join(dir, name), text);
		bytes += Buffer.byteLength(text);
	}
	return { files, bytes };
}
