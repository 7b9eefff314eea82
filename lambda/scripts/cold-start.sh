#!/usr/bin/env bash
# Measures the Lambda jar: its size, and the cold start of a fresh JVM that constructs the handler
# and serves one event against s3proxy on loopback. Usage: lambda/scripts/cold-start.sh [runs]
# LAKEGATE_JAVA=/path/to/java measures with another JVM (the Lambda runtime is Java 21).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
./mvnw -q -B -o -pl lambda package -DskipTests
jar="$(ls lambda/target/lakegate-lambda-*-aws.jar)"
cp_file="$(mktemp)"
./mvnw -q -B -o -pl lambda dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
. scripts/find-jdk.sh
java_bin="${LAKEGATE_JAVA:-$JAVA_HOME/bin/java}"
echo "jar: $jar ($(stat -c %s "$jar") bytes)"
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
"$java_bin" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "lambda/target/test-classes:lambda/target/classes:$(cat "$cp_file")" \
  dev.lakegate.lambda.ColdStartBenchmark "$jar" "$runs"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
rm -f "$cp_file"
