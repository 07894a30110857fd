//! `transport-lint probe <url>`: the Test connection command for terminals and CI, printing each step with its time.
import { promises as fs } from 'node:fs';
import { probe } from '../probe/probe';
import { formatReport } from '../probe/format';
import type { StarttlsProtocol } from '../probe/types';

export const PROBE_USAGE = `Usage: transport-lint probe [options] <url>

Connects to a transport URL's target the way PHP would and explains what it finds.

Options:
  --starttls[=smtp|imap|pop3|ftp]  upgrade a plain connection with STARTTLS (protocol guessed when not given)
  --timeout <ms>                   per-step timeout (default 5000)
  --ca <file>                      also trust the CA certificates in this PEM file
  --format <text|json>             output format (default: text)

Exit status: 0 the target works, 1 it does not, 2 bad usage.`;

export class ProbeUsageError extends Error {}

export async function probeMain(argv: string[]): Promise<number> {
	let target: string | undefined;
	let starttls: StarttlsProtocol | 'auto' | undefined;
	let timeoutMs = 5000;
	let ca: string[] = [];
	let format = 'text';
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		const value = () =>
			argv[++i] ??
			(() => {
				throw new ProbeUsageError(`${a} needs a value`);
			})();
		if (a === '--help' || a === '-h') {
			process.stdout.write(PROBE_USAGE + '\n');
			return 0;
		}
		if (a === '--starttls') starttls = 'auto';
		else if (a.startsWith('--starttls=')) {
			const p = a.slice(11);
			if (!['smtp', 'imap', 'pop3', 'ftp'].includes(p)) throw new ProbeUsageError(`unknown STARTTLS protocol "${p}"`);
			starttls = p as StarttlsProtocol;
		} else if (a === '--timeout') {
			timeoutMs = Number(value());
			if (!Number.isFinite(timeoutMs) || timeoutMs < 1)
				throw new ProbeUsageError('--timeout needs a number of milliseconds');
		} else if (a === '--ca') {
			const file = value();
			const pem = await fs.readFile(file, 'utf8').catch(() => {
				throw new ProbeUsageError(`cannot read ${file}`);
			});
			ca = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
		} else if (a === '--format') {
			format = value();
			if (format !== 'text' && format !== 'json')
				throw new ProbeUsageError(`unknown format "${format}" (use text or json)`);
		} else if (a.startsWith('-')) throw new ProbeUsageError(`unknown option ${a}`);
		else if (target === undefined) target = a;
		else throw new ProbeUsageError('probe takes one URL');
	}
	if (target === undefined) throw new ProbeUsageError('probe needs a URL, e.g. tls://smtp.example.com:465');
	const controller = new AbortController();
	const stop = () => controller.abort();
	process.once('SIGINT', stop);
	const report = await probe(target, { timeoutMs, starttls, ca, signal: controller.signal });
	process.off('SIGINT', stop);
	process.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
	return report.ok ? 0 : 1;
}
