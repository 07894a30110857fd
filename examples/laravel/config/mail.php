<?php

return [
    'default' => env('MAIL_MAILER', 'smtp'),

    'mailers' => [
        // Correct defaults: STARTTLS on 587.
        'smtp' => [
            'transport' => 'smtp',
            'host' => env('MAIL_HOST', 'smtp.mailgun.org'),
            'port' => env('MAIL_PORT', 587),
            'encryption' => env('MAIL_ENCRYPTION', 'tls'),
            'username' => env('MAIL_USERNAME'),
            'password' => env('MAIL_PASSWORD'),
            'timeout' => null,
        ],

        // Broken on Laravel 8: STARTTLS asked of the SMTPS port.
        'backup' => [
            'transport' => 'smtp',
            'host' => 'backup.example.com',
            'port' => 465,
            'encryption' => 'tls',
        ],
    ],
];
