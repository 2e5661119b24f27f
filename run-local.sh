#!/usr/bin/env bash
# Starts the whole system on this machine: embedded PostgreSQL (data in .local-stack/), an embedded Kafka KRaft broker and the three
# services, with a demo inventory. No Docker, nothing to install beyond a JDK 17. Extra arguments go to the launcher (--no-demo, --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests package
exec java -jar local-stack/target/local-stack-exec.jar "$@"
