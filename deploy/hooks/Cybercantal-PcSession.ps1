<#
.SYNOPSIS
Reports a Windows logon/logoff to the centre's Cybercantal gateway (docs/usage.md, "PC sessions").

.DESCRIPTION
Assign by GPO: User Configuration > Policies > Windows Settings > Scripts (Logon/Logoff), PowerShell
Scripts tab, this script with parameter "-Event start" for Logon and "-Event end" for Logoff. The logon
name is the member id (accounts are named after the member, e.g. SF-005). Settings come from the
machine environment (set by GPO Preferences): CYBERCANTAL_GATEWAY (http://10.15.1.1:8790) and
CYBERCANTAL_PC_ID (this seat's id in the site file; defaults to the computer name). A gateway outage never
blocks a logon: the call times out after 3 s and only writes an event log entry.
#>
param(
    [Parameter(Mandatory = $true)][ValidateSet('start', 'end', 'idle')][string]$Event,
    # [Environment]::UserName is %USERNAME% on Windows and also works where PowerShell runs elsewhere (tests).
    [string]$Member = [Environment]::UserName
)

$gateway = if ($env:CYBERCANTAL_GATEWAY) { $env:CYBERCANTAL_GATEWAY } else { 'http://127.0.0.1:8790' }
# [Environment]::MachineName is %COMPUTERNAME% on Windows, and is never null elsewhere.
$pcId = if ($env:CYBERCANTAL_PC_ID) { $env:CYBERCANTAL_PC_ID } else { [Environment]::MachineName.ToLowerInvariant() }

# Local administrators and service accounts are not member sessions.
if ($Member -match '^(Administrat|defaultuser|WDAGUtility)' -or $Member -notmatch '^[A-Za-z0-9_.-]+$') { exit 0 }

$body = @{ pc = $pcId; member = $Member; event = $Event } | ConvertTo-Json -Compress
try {
    Invoke-RestMethod -Method Post -Uri "$gateway/usage/pc-sessions" -ContentType 'application/json' `
        -Body $body -TimeoutSec 3 -UseBasicParsing | Out-Null
}
catch {
    # Write-EventLog exists in Windows PowerShell 5.1 (what GPO logon scripts run); elsewhere the warning is dropped.
    try {
        Write-EventLog -LogName Application -Source 'Cybercantal' -EventId 2450 -EntryType Warning `
            -Message "Cybercantal gateway refused or missed $Event of $Member on ${pcId}: $($_.Exception.Message)"
    }
    catch { }
}
exit 0
