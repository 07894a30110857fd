<?php

return [
    'redis' => [
        'client' => env('REDIS_CLIENT', 'phpredis'),

        // Correct: Laravel's defaults, plaintext on 6379.
        'default' => [
            'url' => env('REDIS_URL'),
            'host' => env('REDIS_HOST', '127.0.0.1'),
            'password' => env('REDIS_PASSWORD'),
            'port' => env('REDIS_PORT', '6379'),
            'database' => env('REDIS_DB', '0'),
        ],

        // Broken: plaintext to 6380, the TLS port of the managed cache.
        'cache' => [
            'host' => 'shop.redis.cache.windows.net',
            'password' => env('REDIS_PASSWORD'),
            'port' => 6380,
            'database' => 1,
        ],
    ],
];
