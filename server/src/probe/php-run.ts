//! "Test connection with PHP": the user's own PHP opens the target with stream_socket_client() (and the literal
//! context options the code passes, when known), so the report shows what the application will see: PHP's result,
//! errno/errstr and every warning. For STARTTLS configurations it reads the SMTP greeting, sends EHLO and STARTTLS,
//! then stream_socket_enable_crypto(). Bounded by the probe's timeout; its output is capped and redacted.
import { runPhp } from '../node/php-binary';
import { redact } from './redact';

export interface PhpOutcome {
	/** The binary and its version. */
	php: string;
	version?: string;
	ok: boolean;
	ms?: number;
	errno?: number;
	errstr?: string;
	/** PHP's warnings, in order ("stream_socket_client(): SSL operation failed with code 1. ..."). */
	warnings: string[];
	/** stream_get_meta_data()['crypto'] after a TLS handshake: protocol and cipher. */
	crypto?: { protocol?: string; cipher_name?: string };
	/** The run itself failed (not PHP, timed out). */
	failure?: string;
}

/** PHP 5.3+; reads its arguments as JSON from argv so that no target can inject code. */
const SCRIPT = `
$a = json_decode($argv[1], true);
$w = array();
set_error_handler(function ($no, $str) use (&$w) { $w[] = $str; return true; });
$ctx = stream_context_create(isset($a['context']) && is_array($a['context']) ? $a['context'] : array());
$t = microtime(true);
$s = stream_socket_client($a['target'], $errno, $errstr, $a['timeout'], STREAM_CLIENT_CONNECT, $ctx);
$ok = $s !== false;
if ($ok && !empty($a['starttls'])) {
	stream_set_timeout($s, (int) ceil($a['timeout']));
	$line = fgets($s, 1024);
	if ($line === false || substr($line, 0, 3) !== '220') { $w[] = 'no SMTP greeting: ' . trim((string) $line); $ok = false; }
	if ($ok) {
		fwrite($s, "EHLO transport-lint.invalid\\r\\n");
		do { $line = fgets($s, 1024); } while ($line !== false && substr($line, 3, 1) === '-');
		fwrite($s, "STARTTLS\\r\\n");
		$line = fgets($s, 1024);
		if ($line === false || substr($line, 0, 3) !== '220') { $w[] = 'STARTTLS refused: ' . trim((string) $line); $ok = false; }
	}
	if ($ok) {
		$method = STREAM_CRYPTO_METHOD_TLS_CLIENT;
		if (defined('STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT')) $method |= STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT;
		if (defined('STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT')) $method |= STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT;
		$ok = stream_socket_enable_crypto($s, true, $method) === true;
	}
}
$out = array('ok' => $ok, 'errno' => $errno, 'errstr' => $errstr, 'warnings' => $w,
	'ms' => (int) round((microtime(true) - $t) * 1000), 'version' => PHP_VERSION);
if ($s) { $m = stream_get_meta_data($s); if (isset($m['crypto'])) { $out['crypto'] = $m['crypto']; } fclose($s); }
echo json_encode($out);
`;

export async function testWithPhp(
	php: string,
	target: string,
	opts: { timeoutMs: number; context?: unknown; starttls?: boolean },
): Promise<PhpOutcome> {
	const args = JSON.stringify({
		target,
		timeout: opts.timeoutMs / 1000,
		...(opts.context !== undefined && { context: opts.context }),
		...(opts.starttls && { starttls: true }),
	});
	// The connect timeout plus one read per SMTP step, plus PHP's start-up.
	const budget = opts.timeoutMs * (opts.starttls ? 4 : 1) + 3000;
	const r = await runPhp(php, ['-r', SCRIPT, '--', args], budget, 256 * 1024);
	if (r.timedOut) return { php, ok: false, warnings: [], failure: `PHP did not finish within ${budget} ms` };
	let o: Record<string, unknown>;
	try {
		o = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
	} catch {
		const why = (r.stderr || r.stdout).trim().split('\n')[0]?.slice(0, 300) || `exit code ${r.code}`;
		return { php, ok: false, warnings: [], failure: redact(`PHP failed: ${why}`) };
	}
	const warnings = Array.isArray(o.warnings)
		? o.warnings.filter((x): x is string => typeof x === 'string').map((x) => redact(x.slice(0, 1000)))
		: [];
	const crypto = o.crypto && typeof o.crypto === 'object' ? (o.crypto as PhpOutcome['crypto']) : undefined;
	return {
		php,
		...(typeof o.version === 'string' && { version: o.version }),
		ok: o.ok === true,
		...(typeof o.ms === 'number' && { ms: o.ms }),
		...(typeof o.errno === 'number' && { errno: o.errno }),
		...(typeof o.errstr === 'string' && o.errstr && { errstr: redact(o.errstr) }),
		warnings,
		...(crypto && { crypto }),
	};
}
