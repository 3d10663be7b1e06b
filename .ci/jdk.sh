# Sourced by ./labrador and .ci/run: points JAVA_HOME at a JDK >= 21 (the machine default may be 17).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [[ -z ${JAVA_HOME:-} || ! -x $JAVA_HOME/bin/java || $(java_major "$JAVA_HOME") -lt 21 ]]; then
  JAVA_HOME=
  for candidate in /usr/lib/jvm/*; do
    if [[ -x $candidate/bin/javac && $(java_major "$candidate") -ge 21 ]]; then JAVA_HOME=$candidate; fi
  done
  if [[ -z $JAVA_HOME ]]; then
    echo "Labrador needs a JDK 21 or newer; none found under /usr/lib/jvm. Set JAVA_HOME." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
