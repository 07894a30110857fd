<?php
// webklex/php-imap (laravel-imap): 'ssl' and 'tls' are both TLS at once; STARTTLS is 'starttls'.
return [
    'default' => env('IMAP_DEFAULT_ACCOUNT', 'default'),
    'accounts' => [
        // Broken: 'tls' opens tls://, but 143 greets in plaintext.
        'default' => [
            'host' => 'imap.example.com',
            'port' => 143,
            'protocol' => 'imap',
            'encryption' => 'tls',
            'validate_cert' => true,
        ],
        // Correct.
        'archive' => [
            'host' => 'imap.example.com',
            'port' => 993,
            'protocol' => 'imap',
            'encryption' => 'ssl',
            'validate_cert' => true,
        ],
    ],
];
