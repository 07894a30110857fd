<?php
// A small SMTP + Redis client, the way many legacy apps talk to their servers.

function smtp_connect(string $host): mixed
{
    // Broken: implicit TLS (tls://) to the STARTTLS submission port.
    $smtp = stream_socket_client('tls://smtp.example.com:587', $errno, $errstr, 10);

    // Correct: implicit TLS on 465.
    $smtps = stream_socket_client('ssl://smtp.example.com:465', $errno, $errstr, 10);

    // Correct: plain connection to 587, then STARTTLS.
    $plain = stream_socket_client("tcp://$host:587", $errno, $errstr, 10);
    stream_socket_enable_crypto($plain, true, STREAM_CRYPTO_METHOD_SSLv23_CLIENT);

    return $smtp ?: $smtps;
}

function redis_connect(): mixed
{
    // Broken: an IPv6 address without brackets; PHP looks up the host "fd00".
    $r = stream_socket_client('tcp://fd00::6379:6379', $errno, $errstr, 2);

    // Correct.
    $r2 = stream_socket_client('tcp://[fd00::6379]:6379', $errno, $errstr, 2);

    // Broken: the port is appended to a unix socket path.
    $r3 = fsockopen('unix:///var/run/redis/redis.sock', 6379);

    // Correct.
    $r4 = fsockopen('unix:///var/run/redis/redis.sock');

    return $r ?: $r2 ?: $r3 ?: $r4;
}

function legacy(): void
{
    // Broken: transports are case-sensitive, and sslv3 is gone.
    fsockopen('SSL://legacy.example.com', 443);
    fsockopen('sslv3://legacy.example.com', 443);

    // Broken: no port.
    stream_socket_client('tcp://127.0.0.1');

    // Correct: PHPMailer's Host means STARTTLS with tls:// — not a socket call, not flagged.
    $mail = new stdClass();
    $mail->Host = 'tls://smtp.gmail.com:587';

    // Broken: "*" is not a wildcard for stream_socket_server().
    $server = stream_socket_server('tcp://*:8000');
    $ok = stream_socket_server('tcp://0.0.0.0:8000');
}
