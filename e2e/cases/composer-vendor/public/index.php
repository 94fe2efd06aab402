<?php
require __DIR__ . '/../vendor/autoload.php';
echo "psr/log and psr/container are installed\n";
