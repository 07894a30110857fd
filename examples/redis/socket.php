<?php
// Redis over a unix socket: each client reads the path its own way.

// Broken: phpredis opens a socket only without a port; with one it looks the path up as a host name.
$redis = new Redis();
$redis->connect('/var/run/redis/redis.sock', 6379);

// Broken: Predis reads a socket from 'path' with scheme unix; this opens tcp:///var/run/redis/redis.sock:6379.
$predis = new Predis\Client(['host' => '/var/run/redis/redis.sock', 'port' => 6379]);

// Correct.
$local = new Redis();
$local->connect('/var/run/redis/redis.sock');
$socket = new Predis\Client(['scheme' => 'unix', 'path' => '/var/run/redis/redis.sock']);
