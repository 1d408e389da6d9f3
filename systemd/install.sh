#!/bin/sh
# Installs lt-intercom from a build tree onto this machine (the .deb does the same from a package).
# Usage (as root): systemd/install.sh [path/to/intercom-app.jar]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${1:-$HERE/../intercom-app/target/intercom-app.jar}
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
[ -r "$JAR" ] || { echo "install.sh: $JAR not found (mvn -pl intercom-app -am package)" >&2; exit 1; }

# system user, in the groups that own GPIO and sound devices (created if this system has none)
for g in gpio audio; do getent group "$g" >/dev/null || groupadd --system "$g"; done
if ! id lt-intercom >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/lt-intercom --no-create-home \
        --shell /usr/sbin/nologin --comment "lt-intercom" lt-intercom
fi
usermod -a -G gpio,audio lt-intercom

install -d -m 0755 /usr/share/lt-intercom /etc/lt-intercom
install -d -m 0700 -o lt-intercom -g lt-intercom /var/lib/lt-intercom
install -m 0644 "$JAR" /usr/share/lt-intercom/intercom-app.jar
install -m 0755 "$HERE/lt-intercom.sh" /usr/share/lt-intercom/lt-intercom.sh
install -m 0644 "$HERE/lt-intercom.service" /lib/systemd/system/lt-intercom.service
# never overwrite a configured station
[ -e /etc/lt-intercom/intercom.yaml ] || install -m 0644 "$HERE/intercom.yaml" /etc/lt-intercom/intercom.yaml
if [ ! -e /etc/lt-intercom/secrets.yaml ]; then
    install -m 0600 -o lt-intercom -g lt-intercom /dev/null /etc/lt-intercom/secrets.yaml
    echo "install.sh: fill in /etc/lt-intercom/secrets.yaml (sdk.licenseKey, mqtt.password; mode 0600)"
fi

systemctl daemon-reload
systemctl enable lt-intercom.service
echo "install.sh: installed; check with: intercom-app config validate, then systemctl start lt-intercom"
