<?php
class Contact extends CI_Controller
{
    public function send()
    {
        // Broken: 'TLS' is neither 'tls' nor 'ssl' for CodeIgniter: the mail goes out unencrypted.
        $this->email->initialize([
            'protocol' => 'smtp',
            'smtp_host' => 'smtp.example.com',
            'smtp_port' => 587,
            'smtp_crypto' => 'TLS',
        ]);
    }

    public function gmail()
    {
        // Correct: the scheme in the host, on 465.
        $this->email->initialize([
            'protocol' => 'smtp',
            'smtp_host' => 'ssl://smtp.googlemail.com',
            'smtp_port' => 465,
        ]);
    }
}
