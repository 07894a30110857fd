<?php
use Cake\Mailer\Transport\SmtpTransport;

return [
    'EmailTransport' => [
        // Broken: 'tls' => true is STARTTLS, but 465 expects TLS at once ("SMTP timeout.").
        'default' => [
            'className' => SmtpTransport::class,
            'host' => 'mail.example.com',
            'port' => 465,
            'tls' => true,
        ],
        // Correct: ssl:// in the host on 465.
        'gmail' => [
            'className' => 'Smtp',
            'host' => 'ssl://smtp.gmail.com',
            'port' => 465,
        ],
    ],
];
