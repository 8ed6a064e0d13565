using System.Globalization;
using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// Turns a site file's node tree into a <see cref="SiteConfiguration"/>, reporting every problem on the way,
/// then runs the whole-file checks (references, GPIO lines used twice, unreachable zones). The configuration
/// it builds may hold placeholders where values were wrong; the loader drops it when anything was reported.
/// </summary>
internal sealed class SiteFileBinder(SiteBindingContext context, string? sourcePath)
{
    public const int MaxGpioLines = 512;

    private static readonly TimeSpan MaxUnlockTime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxDebounce = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxHeldOpen = TimeSpan.FromHours(1);

    private readonly Dictionary<string, SiteYamlNode> _zoneIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteYamlNode> _doorIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteYamlNode> _readerIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteYamlNode> _resourceIds = new(StringComparer.Ordinal);
    private readonly List<(string Zone, SiteYamlNode Node, string What)> _zoneReferences = [];
    private readonly List<(string Door, SiteYamlNode Node, string What)> _doorReferences = [];
    private readonly List<(string Resource, SiteYamlNode Node, string What)> _resourceReferences = [];
    private readonly List<(ReaderConfiguration Reader, SiteYamlNode Node)> _readerNodes = [];
    private readonly Dictionary<string, DoorConfiguration> _doorsById = new(StringComparer.Ordinal);

    /// <summary>Null when the opening hours could not be read: scheduled unlocks are then not compared to them.</summary>
    private WeeklySchedule? _openingHours;

    private SiteDiagnosticBag Diagnostics => context.Diagnostics;

    public SiteConfiguration? Bind(SiteYamlNode? root)
    {
        if (root is null)
        {
            context.ReportMissing(new SiteYamlScalar(1, 1, "", YamlDotNet.Core.ScalarStyle.Plain), "the site file is empty");
            return null;
        }

        var site = SiteYamlMap.Open(context, root, "the site file", SiteFileKeys.Site);
        if (site is null)
        {
            return null;
        }

        // Read first: the pin range of every other section depends on it.
        context.GpioLineCount = context.Integer(site.Optional("gpioLines"), "gpioLines", 1, MaxGpioLines) ?? SiteFileLoader.DefaultGpioLineCount;

        var schemaVersion = context.Integer(site.Required("schemaVersion"), "schemaVersion", 1, int.MaxValue);
        if (schemaVersion is > SiteFileLoader.CurrentSchemaVersion)
        {
            Diagnostics.Add(site.Optional("schemaVersion")!, $"schemaVersion {schemaVersion} is newer than this agent understands ({SiteFileLoader.CurrentSchemaVersion}); upgrade the agent");
        }

        var id = context.Id(site.Required("id"), "site id");
        var name = context.Text(site.Required("name"), "name");
        var commune = context.Text(site.Required("commune"), "commune");
        var status = context.Choice(site.Optional("status"), "status", SiteFileChoices.Status) ?? SiteStatus.Open;
        var specialties = context.Items(site.Optional("specialties"), "specialties", allowSingle: false)
            .Select(node => context.Id(node, "specialty")).OfType<string>().ToList();
        var timeZone = BindTimeZone(site.Required("timeZone"));
        var openingHours = BindSchedule(site.Required("openingHours"), "openingHours");
        _openingHours = openingHours;
        var closures = BindClosures(site.Optional("closures"));
        var gpioChip = context.Integer(site.Optional("gpioChip"), "gpioChip", 0, 63) ?? 0;

        var zones = BindList(site.Required("zones"), "zones", BindZone);
        var doors = BindList(site.Required("doors"), "doors", BindDoor);
        var (pcs, copiers, visio) = BindResources(site.Optional("resources"));
        var readers = BindList(site.Optional("readers"), "readers", BindReader);
        var fireAlarm = BindInput(site.Optional("fireAlarm"), "fireAlarm", "the fire alarm input", TimeSpan.FromMilliseconds(200));

        var hubNode = site.Optional("hub");
        var hub = BindHub(hubNode);
        if (hubNode is null && status == SiteStatus.Open)
        {
            context.ReportMissing(site.Node, "an open site needs a 'hub' section: its gateway must report to the hub");
        }

        var configuration = new SiteConfiguration
        {
            Id = id ?? "",
            Name = name ?? "",
            Commune = commune ?? "",
            Status = status,
            Specialties = specialties,
            TimeZone = timeZone ?? TimeZoneInfo.Utc,
            OpeningHours = openingHours ?? WeeklySchedule.Empty,
            Closures = closures,
            Zones = zones,
            Doors = doors,
            Readers = readers,
            Pcs = pcs,
            Copiers = copiers,
            Visio = visio,
            FireAlarm = fireAlarm,
            GpioChip = gpioChip,
            GpioLineCount = context.GpioLineCount,
            Hub = hub,
            SchemaVersion = schemaVersion ?? SiteFileLoader.CurrentSchemaVersion,
            SourcePath = sourcePath,
        };

        CheckPinsUsedOnce();
        if (!context.Truncated)
        {
            CheckReferences(zones, doors);
        }

        return configuration;
    }

    private List<T> BindList<T>(SiteYamlNode? node, string what, Func<SiteYamlNode, T?> bindItem)
        where T : class
    {
        var items = new List<T>();
        foreach (var item in context.Items(node, what, allowSingle: false))
        {
            if (bindItem(item) is T bound)
            {
                items.Add(bound);
            }
        }

        return items;
    }

    private TimeZoneInfo? BindTimeZone(SiteYamlNode? node)
    {
        var text = context.Text(node, "timeZone");
        if (text is null)
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone))
        {
            return zone;
        }

        var known = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).ToList();
        var closest = Suggestions.Closest(text, known);
        Diagnostics.Add(node!, $"unknown time zone '{text}'" + (closest is null ? "; use an IANA name such as Europe/Paris" : $"; did you mean '{closest}'?"));
        return null;
    }

    private WeeklySchedule? BindSchedule(SiteYamlNode? node, string what, WeeklySchedule? mustFitIn = null)
    {
        var map = SiteYamlMap.Open(context, node, what, SiteFileKeys.Week);
        if (map is null)
        {
            return null;
        }

        var days = new Dictionary<DayOfWeek, IReadOnlyList<TimeRange>>();
        for (var index = 0; index < SiteFileKeys.Week.Length; index++)
        {
            var dayKey = SiteFileKeys.Week[index];
            var day = (DayOfWeek)((index + 1) % 7);
            var ranges = new List<TimeRange>();
            foreach (var item in context.Items(map.Optional(dayKey), $"{what}.{dayKey}", allowSingle: true))
            {
                if (context.Range(item, $"{what}.{dayKey}") is not TimeRange range)
                {
                    continue;
                }

                if (ranges.FirstOrDefault(r => r.From < range.To && range.From < r.To) is { } overlapped && overlapped != default)
                {
                    Diagnostics.Add(item, $"{what}.{dayKey} range {Format(range)} overlaps {Format(overlapped)}");
                    continue;
                }

                // An unlocked door while nobody is there to watch it is an open door to the street.
                if (mustFitIn is not null && !mustFitIn.For(day).Any(open => open.From <= range.From && range.To <= open.To))
                {
                    Diagnostics.Add(item, $"{what}.{dayKey} range {Format(range)} is outside the opening hours of that day; the door would stay unlocked while the centre is closed");
                }

                ranges.Add(range);
            }

            days[day] = [.. ranges.OrderBy(r => r.From)];
        }

        return new WeeklySchedule(days);
    }

    private static string Format(TimeRange range) => string.Create(
        CultureInfo.InvariantCulture,
        $"{range.From:HH\\:mm}-{(range.To == TimeOnly.MaxValue ? "24:00" : range.To.ToString("HH:mm", CultureInfo.InvariantCulture))}");

    private List<ClosureDay> BindClosures(SiteYamlNode? node)
    {
        var closures = new List<ClosureDay>();
        var seen = new Dictionary<DateOnly, int>();
        foreach (var item in context.Items(node, "closures", allowSingle: false))
        {
            var map = SiteYamlMap.Open(context, item, "closure day", SiteFileKeys.Closure);
            if (map is null)
            {
                continue;
            }

            var dateNode = map.Required("date");
            if (context.Date(dateNode, "closure date") is not DateOnly date)
            {
                continue;
            }

            if (seen.TryGetValue(date, out var firstLine))
            {
                Diagnostics.Add(dateNode!, $"closure day {date:yyyy-MM-dd} is listed twice (first at line {firstLine})");
                continue;
            }

            seen[date] = dateNode!.Line;
            var reason = context.Text(map.Optional("reason"), "closure reason");
            closures.Add(new ClosureDay(date, reason));
        }

        return [.. closures.OrderBy(c => c.Date)];
    }

    private ZoneConfiguration? BindZone(SiteYamlNode node)
    {
        var map = SiteYamlMap.Open(context, node, "zone", SiteFileKeys.Zone);
        if (map is null)
        {
            return null;
        }

        var idNode = map.Required("id");
        var id = context.Id(idNode, "zone id");
        var what = id is null ? "zone" : $"zone '{id}'";
        Declare(_zoneIds, id, idNode, "zone");
        var name = context.Text(map.Required("name"), $"name of {what}");
        var kind = context.Choice(map.Required("kind"), $"kind of {what}", SiteFileChoices.ZoneKinds);
        var seats = context.Integer(map.Optional("seats"), $"seats of {what}", 0, 200) ?? 0;
        var withinNode = map.Optional("within");
        var within = context.Id(withinNode, $"'within' of {what}");
        if (within is not null)
        {
            if (within == id)
            {
                Diagnostics.Add(withinNode!, $"{what} cannot be within itself");
            }
            else
            {
                _zoneReferences.Add((within, withinNode!, $"{what} is within"));
            }
        }

        return new ZoneConfiguration
        {
            Id = id ?? "",
            Name = name ?? "",
            Kind = kind ?? ZoneKind.StaffOnly,
            Seats = seats,
            Within = within,
        };
    }

    private DoorConfiguration? BindDoor(SiteYamlNode node)
    {
        var map = SiteYamlMap.Open(context, node, "door", SiteFileKeys.Door);
        if (map is null)
        {
            return null;
        }

        var idNode = map.Required("id");
        var id = context.Id(idNode, "door id");
        var what = id is null ? "door" : $"door '{id}'";
        Declare(_doorIds, id, idNode, "door");
        var name = context.Text(map.Required("name"), $"name of {what}");

        var fromNode = map.Required("from");
        var toNode = map.Required("to");
        var from = context.Id(fromNode, $"'from' zone of {what}");
        var to = context.Id(toNode, $"'to' zone of {what}");
        if (from is not null)
        {
            _zoneReferences.Add((from, fromNode!, $"{what} comes from"));
        }

        if (to is not null)
        {
            _zoneReferences.Add((to, toNode!, $"{what} leads to"));
        }

        if (from is not null && from == to)
        {
            Diagnostics.Add(toNode!, $"{what} leads from zone '{from}' to itself");
        }

        var failMode = context.Choice(map.Optional("failMode"), $"failMode of {what}", SiteFileChoices.FailModes) ?? FailMode.FailSecure;
        var strike = BindStrike(map.Required("strike"), what);
        var sensor = BindInput(map.Optional("positionSensor"), $"positionSensor of {what}", $"{what} position sensor", TimeSpan.FromMilliseconds(50));
        var exit = BindInput(map.Optional("exitRequest"), $"exitRequest of {what}", $"{what} request-to-exit", TimeSpan.FromMilliseconds(50));

        var preAlarm = TimeSpan.FromSeconds(20);
        var alarm = TimeSpan.FromSeconds(30);
        var heldOpen = SiteYamlMap.Open(context, map.Optional("heldOpen"), $"heldOpen of {what}", SiteFileKeys.HeldOpen);
        if (heldOpen is not null)
        {
            preAlarm = context.Duration(heldOpen.Optional("preAlarm"), $"held-open pre-alarm of {what}", TimeSpan.FromSeconds(1), MaxHeldOpen) ?? preAlarm;
            alarm = context.Duration(heldOpen.Optional("alarm"), $"held-open alarm of {what}", TimeSpan.FromSeconds(1), MaxHeldOpen) ?? alarm;
            if (preAlarm >= alarm)
            {
                Diagnostics.Add(heldOpen.Node, $"held-open pre-alarm of {what} ({preAlarm.TotalSeconds:0}s) must come before the alarm ({alarm.TotalSeconds:0}s)");
            }
        }

        var schedule = map.Optional("scheduledUnlock") is { } scheduleNode
            ? BindSchedule(scheduleNode, $"scheduledUnlock of {what}", _openingHours) ?? WeeklySchedule.Empty
            : WeeklySchedule.Empty;

        var accepted = new List<CredentialKind>();
        var credentialsNode = map.Optional("acceptedCredentials");
        foreach (var item in context.Items(credentialsNode, $"acceptedCredentials of {what}", allowSingle: true))
        {
            if (context.Choice(item, $"credential kind of {what}", SiteFileChoices.CredentialKinds) is CredentialKind kind)
            {
                if (accepted.Contains(kind))
                {
                    Diagnostics.Add(item, $"credential kind '{((SiteYamlScalar)item).Value}' is listed twice for {what}");
                }
                else
                {
                    accepted.Add(kind);
                }
            }
        }

        if (credentialsNode is SiteYamlSequence { Items.Count: 0 })
        {
            Diagnostics.Add(credentialsNode, $"acceptedCredentials of {what} is empty: no badge could ever open it");
        }

        var door = new DoorConfiguration
        {
            Id = id ?? "",
            Name = name ?? "",
            FromZone = from ?? "",
            ToZone = to ?? "",
            Strike = strike ?? new StrikeConfiguration { Pin = -1, UnlockTime = TimeSpan.Zero },
            PositionSensor = sensor,
            ExitRequest = exit,
            FailMode = failMode,
            HeldOpenPreAlarm = preAlarm,
            HeldOpenAlarm = alarm,
            ScheduledUnlock = schedule,
            AcceptedCredentials = credentialsNode is null ? [CredentialKind.Nfc] : accepted,
        };
        if (id is not null)
        {
            _doorsById.TryAdd(id, door);
        }

        return door;
    }

    private StrikeConfiguration? BindStrike(SiteYamlNode? node, string door)
    {
        var map = SiteYamlMap.Open(context, node, $"strike of {door}", SiteFileKeys.Strike);
        if (map is null)
        {
            return null;
        }

        var pin = context.Pin(map.Required("pin"), $"{door} strike");
        var level = context.Choice(map.Optional("unlockLevel"), $"unlockLevel of {door}", SiteFileChoices.Levels) ?? SignalLevel.High;
        var unlockNode = map.Required("unlockTime");
        var unlockTime = context.Duration(unlockNode, $"unlockTime of {door}", TimeSpan.Zero, MaxUnlockTime);
        if (unlockTime == TimeSpan.Zero)
        {
            Diagnostics.Add(unlockNode!, $"unlockTime of {door} is 0: a grant would never open the door (typical: 5s)");
        }

        return new StrikeConfiguration { Pin = pin ?? -1, UnlockLevel = level, UnlockTime = unlockTime ?? TimeSpan.Zero };
    }

    private InputConfiguration? BindInput(SiteYamlNode? node, string what, string use, TimeSpan defaultDebounce)
    {
        var map = SiteYamlMap.Open(context, node, what, SiteFileKeys.Input);
        if (map is null)
        {
            return null;
        }

        var pin = context.Pin(map.Required("pin"), use);
        var level = context.Choice(map.Optional("activeLevel"), $"activeLevel of {what}", SiteFileChoices.Levels) ?? SignalLevel.High;
        var debounce = context.Duration(map.Optional("debounce"), $"debounce of {what}", TimeSpan.Zero, MaxDebounce) ?? defaultDebounce;
        var pullUp = context.Boolean(map.Optional("pullUp"), $"pullUp of {what}") ?? false;
        return new InputConfiguration { Pin = pin ?? -1, ActiveLevel = level, Debounce = debounce, PullUp = pullUp };
    }

    private (List<PcConfiguration> Pcs, List<CopierConfiguration> Copiers, List<VisioConfiguration> Visio) BindResources(SiteYamlNode? node)
    {
        var map = SiteYamlMap.Open(context, node, "resources", SiteFileKeys.Resources);
        if (map is null)
        {
            return ([], [], []);
        }

        return (BindList(map.Optional("pcs"), "resources.pcs", BindPc),
            BindList(map.Optional("copiers"), "resources.copiers", BindCopier),
            BindList(map.Optional("visio"), "resources.visio", BindVisio));
    }

    private (SiteYamlMap Map, string? Id, string What, string? Zone)? BindResource(SiteYamlNode node, string kind, string[] keys)
    {
        var map = SiteYamlMap.Open(context, node, kind, keys);
        if (map is null)
        {
            return null;
        }

        var idNode = map.Required("id");
        var id = context.Id(idNode, $"{kind} id");
        var what = id is null ? kind : $"{kind} '{id}'";
        Declare(_resourceIds, id, idNode, "resource");
        var zoneNode = map.Required("zone");
        var zone = context.Id(zoneNode, $"zone of {what}");
        if (zone is not null)
        {
            _zoneReferences.Add((zone, zoneNode!, $"{what} is in"));
        }

        return (map, id, what, zone);
    }

    private PcConfiguration? BindPc(SiteYamlNode node)
    {
        if (BindResource(node, "pc", SiteFileKeys.Pc) is not var (map, id, what, zone))
        {
            return null;
        }

        var host = HostName(map.Required("hostName"), $"hostName of {what}");
        return new PcConfiguration { Id = id ?? "", Zone = zone ?? "", HostName = host ?? "" };
    }

    private CopierConfiguration? BindCopier(SiteYamlNode node)
    {
        if (BindResource(node, "copier", SiteFileKeys.Copier) is not var (map, id, what, zone))
        {
            return null;
        }

        var addressNode = map.Required("snmpAddress");
        var address = context.Text(addressNode, $"snmpAddress of {what}");
        if (address is not null && !IsHostAndPort(address))
        {
            Diagnostics.Add(addressNode!, $"snmpAddress of {what} must be host or host:port (port 1-65535), found '{address}'");
        }

        var enablePin = context.Pin(map.Optional("enablePin"), $"{what} enable relay");
        return new CopierConfiguration { Id = id ?? "", Zone = zone ?? "", SnmpAddress = address ?? "", EnablePin = enablePin };
    }

    private VisioConfiguration? BindVisio(SiteYamlNode node)
    {
        if (BindResource(node, "visio", SiteFileKeys.Visio) is not var (map, id, what, zone))
        {
            return null;
        }

        var host = HostName(map.Optional("hostName"), $"hostName of {what}");
        var description = context.Text(map.Optional("description"), $"description of {what}");
        return new VisioConfiguration { Id = id ?? "", Zone = zone ?? "", HostName = host, Description = description };
    }

    private ReaderConfiguration? BindReader(SiteYamlNode node)
    {
        var map = SiteYamlMap.Open(context, node, "reader", SiteFileKeys.Reader);
        if (map is null)
        {
            return null;
        }

        var idNode = map.Required("id");
        var id = context.Id(idNode, "reader id");
        var what = id is null ? "reader" : $"reader '{id}'";
        Declare(_readerIds, id, idNode, "reader");
        var kind = context.Choice(map.Required("kind"), $"kind of {what}", SiteFileChoices.ReaderKinds);

        var deviceNode = map.Optional("device");
        var device = context.Text(deviceNode, $"device of {what}");
        var d0 = context.Pin(map.Optional("d0"), $"{what} Wiegand D0");
        var d1 = context.Pin(map.Optional("d1"), $"{what} Wiegand D1");
        switch (kind)
        {
            case ReaderKind.Wiegand:
                if (!map.Has("d0"))
                {
                    context.ReportMissing(map.Node, $"{what} is a Wiegand reader and needs 'd0' (GPIO pin of the DATA0 line)");
                }

                if (!map.Has("d1"))
                {
                    context.ReportMissing(map.Node, $"{what} is a Wiegand reader and needs 'd1' (GPIO pin of the DATA1 line)");
                }

                if (deviceNode is not null)
                {
                    Diagnostics.Add(map.KeyNode("device")!, $"'device' does not apply to Wiegand {what}: it is wired with 'd0' and 'd1'");
                }

                break;
            case ReaderKind.Pcsc or ReaderKind.Pn532:
                if (deviceNode is null)
                {
                    context.ReportMissing(map.Node, kind == ReaderKind.Pcsc
                        ? $"{what} is a PC/SC reader and needs 'device' (reader name, e.g. \"ACS ACR122U\")"
                        : $"{what} is a PN532 reader and needs 'device' (serial port, e.g. /dev/ttyAMA0)");
                }
                else if (kind == ReaderKind.Pn532 && device is not null && !device.StartsWith("/dev/", StringComparison.Ordinal))
                {
                    Diagnostics.Add(deviceNode, $"device of PN532 {what} must be a serial port path such as /dev/ttyAMA0, found '{device}'");
                }

                foreach (var line in new[] { "d0", "d1" })
                {
                    if (map.KeyNode(line) is { } lineKey)
                    {
                        Diagnostics.Add(lineKey, $"'{line}' only applies to Wiegand readers; {what} reads over {(kind == ReaderKind.Pcsc ? "PC/SC" : "serial")}");
                    }
                }

                break;
        }

        var doorNode = map.Optional("door");
        var resourceNode = map.Optional("resource");
        var door = context.Id(doorNode, $"door of {what}");
        var resource = context.Id(resourceNode, $"resource of {what}");
        if (doorNode is not null && resourceNode is not null)
        {
            Diagnostics.Add(resourceNode, $"{what} serves both door '{door}' and resource '{resource}'; a reader serves exactly one");
        }
        else if (doorNode is null && resourceNode is null)
        {
            context.ReportMissing(map.Node, $"{what} serves nothing: give it a 'door' or a 'resource'");
        }

        if (door is not null)
        {
            _doorReferences.Add((door, doorNode!, what));
        }

        if (resource is not null)
        {
            _resourceReferences.Add((resource, resourceNode!, what));
        }

        var feedback = BindFeedback(map.Optional("feedback"), what);
        var reader = new ReaderConfiguration
        {
            Id = id ?? "",
            Kind = kind ?? ReaderKind.Pcsc,
            Door = door,
            Resource = resource,
            Device = device,
            WiegandD0Pin = d0,
            WiegandD1Pin = d1,
            Feedback = feedback,
        };
        if (kind is not null)
        {
            _readerNodes.Add((reader, map.Node));
        }

        return reader;
    }

    private FeedbackConfiguration? BindFeedback(SiteYamlNode? node, string reader)
    {
        var map = SiteYamlMap.Open(context, node, $"feedback of {reader}", SiteFileKeys.Feedback);
        if (map is null)
        {
            return null;
        }

        return new FeedbackConfiguration
        {
            GreenLedPin = context.Pin(map.Optional("greenLed"), $"{reader} green LED"),
            RedLedPin = context.Pin(map.Optional("redLed"), $"{reader} red LED"),
            BuzzerPin = context.Pin(map.Optional("buzzer"), $"{reader} buzzer"),
            ActiveLevel = context.Choice(map.Optional("activeLevel"), $"activeLevel of feedback of {reader}", SiteFileChoices.Levels) ?? SignalLevel.High,
        };
    }

    private HubConnectionConfiguration? BindHub(SiteYamlNode? node)
    {
        var map = SiteYamlMap.Open(context, node, "hub", SiteFileKeys.Hub);
        if (map is null)
        {
            return null;
        }

        var brokerNode = map.Required("broker");
        var brokerText = context.Text(brokerNode, "hub broker");
        Uri? broker = null;
        if (brokerText is not null)
        {
            if (!Uri.TryCreate(brokerText, UriKind.Absolute, out broker) || broker.Scheme is not ("mqtt" or "mqtts" or "ws" or "wss"))
            {
                Diagnostics.Add(brokerNode!, $"hub broker must be an mqtt://, mqtts://, ws:// or wss:// URI, found '{brokerText}'");
                broker = null;
            }
            else if (!string.IsNullOrEmpty(broker.UserInfo))
            {
                Diagnostics.Add(brokerNode!, "hub broker URI carries a user name or password: never put secrets in a site file; use hub.credentialFile");
            }
        }

        var tlsNode = map.Optional("tls");
        var tls = context.Boolean(tlsNode, "hub tls") ?? true;
        if (broker is not null && tls && broker.Scheme is "mqtt" or "ws")
        {
            Diagnostics.Add(tlsNode ?? brokerNode!, $"hub tls is on but the broker URI uses {broker.Scheme}://; use {broker.Scheme}s:// (or set tls: false on a lab network)");
        }

        var fileNode = map.Required("credentialFile");
        var credentialFile = context.Text(fileNode, "hub credentialFile");
        if (credentialFile is not null && !credentialFile.StartsWith('/'))
        {
            Diagnostics.Add(fileNode!, $"hub credentialFile must be an absolute path (e.g. /etc/cybercantal/gateway.credential), found '{credentialFile}'");
        }

        return new HubConnectionConfiguration
        {
            Broker = broker ?? new Uri("mqtts://invalid.invalid"),
            Tls = tls,
            CredentialFile = credentialFile ?? "",
        };
    }

    private string? HostName(SiteYamlNode? node, string what)
    {
        var host = context.Text(node, what);
        if (host is not null && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            Diagnostics.Add(node!, $"{what} '{host}' is not a valid host name or address");
        }

        return host;
    }

    private static bool IsHostAndPort(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return false;
        }

        return colon < 0 || (int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535);
    }

    private void Declare(Dictionary<string, SiteYamlNode> ids, string? id, SiteYamlNode? node, string kind)
    {
        if (id is null || node is null)
        {
            return;
        }

        if (ids.TryGetValue(id, out var first))
        {
            // Sections are bound in a fixed order, not file order: report at whichever comes later.
            var (earlier, later) = first.Line <= node.Line ? (first, node) : (node, first);
            Diagnostics.Add(later, $"duplicate {kind} id '{id}' (first declared at line {earlier.Line})");
            ids[id] = earlier;
            return;
        }

        ids[id] = node;
    }

    private void CheckPinsUsedOnce()
    {
        foreach (var group in context.PinUses.GroupBy(use => use.Pin))
        {
            var uses = group.ToList();
            for (var i = 1; i < uses.Count; i++)
            {
                Diagnostics.Add(uses[i].Node, $"GPIO pin {group.Key} is used twice: by {uses[i].Use} and by {uses[0].Use} (line {uses[0].Node.Line})");
            }
        }
    }

    private void CheckReferences(List<ZoneConfiguration> zones, List<DoorConfiguration> doors)
    {
        foreach (var (zone, node, what) in _zoneReferences)
        {
            if (!_zoneIds.ContainsKey(zone))
            {
                Diagnostics.Add(node, $"{what} unknown zone '{zone}'{Suggest(zone, _zoneIds.Keys)}");
            }
        }

        foreach (var (door, node, what) in _doorReferences)
        {
            if (!_doorIds.ContainsKey(door))
            {
                Diagnostics.Add(node, $"{what} points to unknown door '{door}'{Suggest(door, _doorIds.Keys)}");
            }
        }

        foreach (var (resource, node, what) in _resourceReferences)
        {
            if (!_resourceIds.ContainsKey(resource))
            {
                Diagnostics.Add(node, $"{what} points to unknown resource '{resource}'{Suggest(resource, _resourceIds.Keys)}");
            }
        }

        // A zone nobody can badge into is a typo or a forgotten door; zones inside another say so with 'within'.
        var entered = doors.Select(d => d.ToZone).ToHashSet(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            if (zone.Kind != ZoneKind.Outside && zone.Within is null && zone.Id.Length > 0
                && !entered.Contains(zone.Id) && _zoneIds.TryGetValue(zone.Id, out var node))
            {
                Diagnostics.Add(node, $"no door leads to zone '{zone.Id}'; add a door whose 'to' is '{zone.Id}', or say which zone it is part of with 'within'");
            }
        }

        // A reader must be able to read what its door accepts, or the door can never be opened from it.
        foreach (var (reader, node) in _readerNodes)
        {
            if (reader.Door is null || !_doorsById.TryGetValue(reader.Door, out var door) || door.AcceptedCredentials.Count == 0)
            {
                continue;
            }

            var readsWiegand = reader.Kind == ReaderKind.Wiegand;
            var compatible = door.AcceptedCredentials.Any(kind => readsWiegand ? kind != CredentialKind.Nfc : kind == CredentialKind.Nfc);
            if (!compatible)
            {
                Diagnostics.Add(node, $"reader '{reader.Id}' reads {(readsWiegand ? "Wiegand" : "NFC")} credentials but door '{door.Id}' accepts only {string.Join(", ", door.AcceptedCredentials.Select(k => k.ToString().ToLowerInvariant()))}");
            }
        }
    }

    private static string Suggest(string written, IEnumerable<string> known) =>
        Suggestions.Closest(written, known) is { } closest ? $"; did you mean '{closest}'?" : "";
}
