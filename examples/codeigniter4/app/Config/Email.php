<?php

namespace Config;

use CodeIgniter\Config\BaseConfig;

class Email extends BaseConfig
{
    public string $fromEmail = 'mailer@example.com';
    public string $protocol = 'smtp';
    public string $SMTPHost = 'smtp.example.com';
    // Broken: CodeIgniter 4 opens TLS on 465 by itself, then 'tls' sends STARTTLS, which the server refuses.
    public int $SMTPPort = 465;
    public string $SMTPCrypto = 'tls';
}
