#!/bin/sh
# Alternative to the PAM hook for seats where PAM is not to be touched: follows systemd-logind and
# reports each graphical/console session of a member account as it appears and disappears.
# Run as the systemd unit cybercantal-logind-watch.service (beside this file).
set -u
HOOK=${CYBERCANTAL_HOOK:-/usr/local/lib/cybercantal/cybercantal-pc-session.sh}
# Seconds between two looks at logind: a session is reported at most this late.
POLL=${CYBERCANTAL_LOGIND_POLL:-5}
STATE=$(mktemp -d)
trap 'rm -rf "$STATE"' EXIT

while :; do
    seen=""
    for id in $(loginctl list-sessions --no-legend 2>/dev/null | awk '{print $1}'); do
        user=$(loginctl show-session "$id" -p Name --value 2>/dev/null) || continue
        class=$(loginctl show-session "$id" -p Class --value 2>/dev/null)
        [ "$class" = user ] || continue
        seen="$seen $id"
        if [ ! -e "$STATE/$id" ]; then
            echo "$user" > "$STATE/$id"
            "$HOOK" start "$user"
        fi
    done
    for file in "$STATE"/*; do
        [ -e "$file" ] || continue
        id=$(basename "$file")
        case " $seen " in
            *" $id "*) ;;
            *) "$HOOK" end "$(cat "$file")"; rm -f "$file" ;;
        esac
    done
    sleep "$POLL"
done
