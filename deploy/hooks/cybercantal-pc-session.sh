#!/bin/sh
# Reports a PC login/logout to the centre's Cybercantal gateway (docs/usage.md, "PC sessions").
#
# As a PAM hook (/etc/pam.d/common-session, or the display manager's file):
#   session optional pam_exec.so quiet /usr/local/lib/cybercantal/cybercantal-pc-session.sh
# pam_exec sets PAM_TYPE (open_session/close_session) and PAM_USER. The login name is the member id
# (accounts are named after the member, e.g. SF-005); system accounts are ignored.
#
# By hand or from another hook: cybercantal-pc-session.sh start|end|idle MEMBER_ID
#
# Settings in /etc/cybercantal/pc-session.conf (shell syntax):
#   CYBERCANTAL_GATEWAY=http://10.15.1.1:8790   the agent's Usage:PcEndpointPrefixes address
#   CYBERCANTAL_PC_ID=pc-os-01                   this seat's id in the site file (resources.pcs)
# "optional" in PAM and the short timeouts below mean a gateway outage never blocks a login.
set -u

CONF=${CYBERCANTAL_PC_SESSION_CONF:-/etc/cybercantal/pc-session.conf}
[ -r "$CONF" ] && . "$CONF"
GATEWAY=${CYBERCANTAL_GATEWAY:-http://127.0.0.1:8790}
PC_ID=${CYBERCANTAL_PC_ID:-$(hostname -s)}

if [ $# -ge 1 ]; then
    EVENT=$1
    MEMBER=${2:-${PAM_USER:-${USER:-}}}
else
    case "${PAM_TYPE:-}" in
        open_session) EVENT=start ;;
        close_session) EVENT=end ;;
        *) exit 0 ;;
    esac
    MEMBER=${PAM_USER:-}
fi

# Only member accounts are tracked: root, display-manager and service users are not sessions to bill.
case "$MEMBER" in
    ""|root|gdm|lightdm|sddm|nobody|_*) exit 0 ;;
esac
if [ -n "${PAM_TYPE:-}" ] && [ "$(id -u "$MEMBER" 2>/dev/null || echo 0)" -lt 1000 ]; then
    exit 0
fi

# Member ids are [A-Za-z0-9-]: anything else cannot be one and must not reach the JSON below.
case "$MEMBER$PC_ID$EVENT" in
    *[!A-Za-z0-9_.-]*) logger -t cybercantal-pc-session "refusing odd characters in '$MEMBER' '$PC_ID' '$EVENT'"; exit 0 ;;
esac

BODY=$(printf '{"pc":"%s","member":"%s","event":"%s"}' "$PC_ID" "$MEMBER" "$EVENT")
STATUS=$(curl --silent --show-error --max-time 3 --connect-timeout 2 \
    --output /dev/null --write-out '%{http_code}' \
    --header 'Content-Type: application/json' --data "$BODY" \
    "$GATEWAY/usage/pc-sessions" 2>/dev/null) || STATUS=unreachable
if [ "$STATUS" != 200 ]; then
    logger -t cybercantal-pc-session "gateway answered $STATUS for $EVENT of $MEMBER on $PC_ID"
fi
exit 0
