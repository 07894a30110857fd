<?php
// Calls the real socket functions on every corpus entry (JSON lines on argv[1]) and prints what PHP did, one JSON
// line each: ok, errno, errstr and the warnings raised. Runs inside a network namespace that has only loopback.
declare(strict_types=0);

$warnings = [];
set_error_handler(function (int $no, string $str) use (&$warnings): bool {
	$warnings[] = preg_replace('/^\w+\(\): /', '', $str);
	return true;
});
// A live datagram socket for the udg:// entries (Node cannot make one).
$dgram = stream_socket_server('udg://' . getcwd() . '/dgram.sock', $errno, $errstr, STREAM_SERVER_BIND);
$ctx = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false, 'allow_self_signed' => true]]);

foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
	$e = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
	$warnings = [];
	$errno = 0;
	$errstr = '';
	$ok = false;
	$thrown = null;
	try {
		switch ($e['fn']) {
			case 'client':
				$s = stream_socket_client($e['target'], $errno, $errstr, 1.0, STREAM_CLIENT_CONNECT, $ctx);
				break;
			case 'fsockopen':
				$s = fsockopen($e['target'], $e['port'] ?? -1, $errno, $errstr, 1.0);
				break;
			case 'server':
				$flags = ($e['flags'] ?? '') === 'bind' ? STREAM_SERVER_BIND : STREAM_SERVER_BIND | STREAM_SERVER_LISTEN;
				$s = stream_socket_server($e['target'], $errno, $errstr, $flags, $ctx);
				break;
			default:
				throw new RuntimeException('unknown fn ' . $e['fn']);
		}
		$ok = is_resource($s);
		if ($ok) {
			fclose($s);
		}
	} catch (Throwable $t) {
		$thrown = get_class($t) . ': ' . $t->getMessage();
	}
	echo json_encode(['ok' => $ok, 'errno' => $errno, 'errstr' => $errstr, 'warnings' => $warnings, 'thrown' => $thrown], JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES), "\n";
}
