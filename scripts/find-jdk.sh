# Sourced by ./lakegate and ./mvnw: selects a JDK of release 21 or newer and exports JAVA_HOME.
# Order: JAVA_HOME, then `java` on the PATH, then the newest JDK under /usr/lib/jvm.

lakegate_java_release() {
  # Prints the feature release of the java binary given (17, 21, 25, ...), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

lakegate_find_jdk() {
  local min=21 candidate release best="" best_release=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    release=$(lakegate_java_release "$JAVA_HOME/bin/java")
    if [ -n "$release" ] && [ "$release" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    release=$(lakegate_java_release "$candidate/bin/java")
    if [ -n "$release" ] && [ "$release" -ge "$min" ]; then echo "$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    release=$(lakegate_java_release "$candidate/bin/java")
    if [ -n "$release" ] && [ "$release" -ge "$min" ] && [ "$release" -gt "$best_release" ]; then
      best=$candidate; best_release=$release
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  echo "lakegate: no JDK ${min} or newer found (looked at JAVA_HOME, java on the PATH, /usr/lib/jvm); install one or set JAVA_HOME" >&2
  return 1
}

LAKEGATE_JAVA_HOME=$(lakegate_find_jdk) || exit 2
export JAVA_HOME="$LAKEGATE_JAVA_HOME"
