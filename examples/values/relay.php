<?php
// Values travel through variables, constants, properties, sprintf and functions before they reach a socket call.
use App\Config;

// A class constant of another file.
$relay = fsockopen(Config::RELAY, -1, $errno, $errstr, 5);

// A unix socket path given a port: fsockopen() appends ":11211" to the path.
$cache = fsockopen(MEMCACHE_SOCK, 11211);

// A port held in a variable and interpolated.
$port = 587;
$mx = stream_socket_client("tls://smtp.example.com:$port", $errno, $errstr, 5);

// A function of the file whose parameter reaches a socket call: its call sites are judged.
function open_smtp(string $host)
{
    return fsockopen('tcp://' . $host . ':25', -1, $errno, $errstr, 5);
}
open_smtp('fd00::25');

// Unknown is not wrong: host and port come from the caller.
function connect_to(string $host, int $port)
{
    return stream_socket_client(sprintf('tcp://%s:%d', $host, $port), $errno, $errstr, 5);
}

// Built in steps: the URL has no port.
$url = 'udp://';
$url .= 'statsd.internal';
$statsd = stream_socket_client($url, $errno, $errstr);
