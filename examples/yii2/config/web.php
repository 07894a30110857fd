<?php
return [
    'components' => [
        // yii2-swiftmailer: SwiftMailer's semantics. Broken: 'starttls' is not a value SwiftMailer knows:
        // it becomes the socket transport ("Unable to find the socket transport").
        'mailer' => [
            'class' => 'yii\swiftmailer\Mailer',
            'transport' => [
                'class' => 'Swift_SmtpTransport',
                'host' => 'smtp.example.com',
                'port' => '587',
                'encryption' => 'starttls',
            ],
        ],
        // yii2-symfonymailer: Symfony Mailer's. Broken: smtps (TLS at once) to port 25.
        'symfonyMailer' => [
            'class' => \yii\symfonymailer\Mailer::class,
            'transport' => [
                'scheme' => 'smtps',
                'host' => 'smtp.example.com',
                'port' => 25,
            ],
        ],
    ],
];
