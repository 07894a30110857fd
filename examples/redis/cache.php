<?php
// Redis clients: 6379 is plaintext by default, 6380 is TLS on managed services.

// Broken: TLS to the plaintext port.
$predis = new Predis\Client('tls://redis.example.com:6379');

// Broken: plaintext to Azure Cache for Redis' TLS port.
$redis = new Redis();
$redis->connect('shop.redis.cache.windows.net', 6380);

// Correct.
$tls = new Redis();
$tls->connect('tls://shop.redis.cache.windows.net', 6380);
$local = new Predis\Client(['scheme' => 'tcp', 'host' => '127.0.0.1', 'port' => 6379]);
$elasticache = new Predis\Client('tls://master.shop.abc123.use1.cache.amazonaws.com:6379');
