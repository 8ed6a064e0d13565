using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;
using static Cybercantal.Edge.Agent.Tests.Support.SiteFileSnippets;

namespace Cybercantal.Edge.Agent.Tests.Sites;

public sealed class SiteFileLoaderTests
{
    [Fact]
    public void Valid_snippet_loads_with_defaults_filled_in()
    {
        var result = Parse(Valid);

        Assert.Empty(result.Diagnostics);
        var site = result.Configuration!;
        Assert.Equal("test-site", site.Id);
        Assert.Equal(SiteFileLoader.DefaultGpioLineCount, site.GpioLineCount);
        Assert.Equal([new TimeRange(new TimeOnly(8, 0), new TimeOnly(19, 0))], site.OpeningHours.For(DayOfWeek.Monday));
        var office = site.Doors[1];
        Assert.Equal(FailMode.FailSecure, office.FailMode);
        Assert.Equal(SignalLevel.High, office.Strike.UnlockLevel);
        Assert.Equal(TimeSpan.FromSeconds(20), office.HeldOpenPreAlarm);
        Assert.Equal([CredentialKind.Wiegand26], office.AcceptedCredentials);
        Assert.Equal([CredentialKind.Nfc], site.Doors[0].AcceptedCredentials);
        Assert.Equal(TimeSpan.FromMilliseconds(50), site.Doors[0].ExitRequest!.Debounce);
        Assert.Equal(TimeSpan.FromMilliseconds(200), site.FireAlarm!.Debounce);
        Assert.True(site.Hub!.Tls);
        Assert.Null(site.SourcePath);
    }

    [Fact]
    public void Diagnostic_prints_like_a_compiler()
    {
        Assert.Equal("sites/murat.yaml:12:7: boom", new SiteDiagnostic("sites/murat.yaml", 12, 7, "boom").ToString());
    }

    [Fact]
    public void Missing_file_is_one_diagnostic_at_line_zero()
    {
        var path = Path.Combine(Path.GetTempPath(), "cybercantal-no-such-site.yaml");

        var result = SiteFileLoader.Load(path);

        Assert.Null(result.Configuration);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 0), (diagnostic.File, diagnostic.Line));
        Assert.Contains("not found", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_is_reported_where_it_is_and_what_came_before_is_still_checked()
    {
        var yaml = With("commune: Testville", "comune: Testville") .Replace("  - { id: accueil, name: Accueil, kind: entrance }", "  - { id: accueil, name: Accueil, kind: entrance", StringComparison.Ordinal);

        var result = Parse(yaml);

        Assert.Null(result.Configuration);
        Assert.Equal(2, result.Diagnostics.Count);
        AssertAt(result.Diagnostics[0], yaml, "comune");
        Assert.Contains("did you mean 'commune'?", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("YAML syntax error:", result.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("unclosed", result.Diagnostics[1].Message, StringComparison.Ordinal);
        AssertAt(result.Diagnostics[1], yaml, "{ id: accueil");
        // The file is cut short: no noise about keys that were simply never read.
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Tab_indentation_is_a_syntax_error_with_its_position()
    {
        var yaml = With("  credentialFile:", "\tcredentialFile:");

        var result = Parse(yaml);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith("YAML syntax error:", diagnostic.Message, StringComparison.Ordinal);
        AssertAt(diagnostic, yaml, "\tcredentialFile");
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_known_one()
    {
        var yaml = With("unlockTime: 4s", "unlokTime: 4s");

        var result = Parse(yaml);

        // The misspelt key is unknown, and so the real one is missing: both are said.
        Assert.Equal(2, result.Diagnostics.Count);
        var unknown = result.Diagnostics.Single(d => d.Message.StartsWith("unknown key", StringComparison.Ordinal));
        AssertAt(unknown, yaml, "unlokTime");
        Assert.Equal("unknown key 'unlokTime' in strike of door 'porte-bureau-1'; did you mean 'unlockTime'?", unknown.Message);
        Assert.Contains(result.Diagnostics, d => d.Message == "strike of door 'porte-bureau-1' is missing required key 'unlockTime'");
    }

    [Fact]
    public void Unknown_key_far_from_any_lists_the_known_ones()
    {
        var yaml = With("fireAlarm: { pin: 4, activeLevel: low }", "fireAlarm: { pin: 4, activeLevel: low, colour: red }");

        var diagnostic = SingleError(yaml, "colour");

        Assert.Equal("unknown key 'colour' in fireAlarm; expected one of: pin, activeLevel, debounce, pullUp", diagnostic.Message);
    }

    [Fact]
    public void Duplicated_key_is_reported_at_the_second()
    {
        var yaml = With("status: open", "status: open\nname: Autre nom");

        var diagnostic = SingleError(yaml, "name: Autre");

        Assert.Equal("key 'name' appears twice in the site file (first at line 3)", diagnostic.Message);
    }

    [Fact]
    public void Wrong_type_says_what_was_expected()
    {
        var yaml = With("pin: 23,", "pin: vingt-trois,");

        var diagnostic = SingleError(yaml, "vingt-trois");

        Assert.Equal("GPIO pin of door 'porte-bureau-1' strike must be a whole number, found 'vingt-trois'", diagnostic.Message);
    }

    [Fact]
    public void Mapping_where_a_list_is_expected_is_reported()
    {
        var yaml = With("acceptedCredentials: [wiegand26]", "acceptedCredentials: { kind: wiegand26 }");

        var diagnostic = SingleError(yaml, "{ kind: wiegand26 }");

        Assert.Equal("acceptedCredentials of door 'porte-bureau-1' must be a list, found a mapping (key: value lines)", diagnostic.Message);
    }

    [Fact]
    public void Pin_beyond_the_chip_is_out_of_range()
    {
        var yaml = With("pin: 27,", "pin: 54,");

        var diagnostic = SingleError(yaml, "54");

        Assert.Equal("GPIO pin of door 'porte-entree' position sensor 54 is out of range 0..53", diagnostic.Message);
    }

    [Fact]
    public void Pin_range_follows_gpio_lines()
    {
        var yaml = With("status: open", "status: open\ngpioLines: 27\ngpioChip: 4");

        var diagnostic = SingleError(yaml, "27,");

        Assert.Equal("GPIO pin of door 'porte-entree' position sensor 27 is out of range 0..26", diagnostic.Message);
    }

    [Fact]
    public void Bad_time_range_is_reported()
    {
        var yaml = With("monday: 08:00-19:00", "monday: 8h-19h");

        var diagnostic = SingleError(yaml, "8h-19h");

        Assert.Equal("openingHours.monday must be a time range written HH:MM-HH:MM (e.g. 08:00-19:00), found '8h-19h'", diagnostic.Message);
    }

    [Fact]
    public void Time_range_ending_before_it_starts_is_reported()
    {
        var yaml = With("saturday: [09:00-12:00]", "saturday: [12:00-09:00]");

        var diagnostic = SingleError(yaml, "12:00-09:00");

        Assert.Contains("ends before it starts", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_time_of_day_is_reported()
    {
        var yaml = With("monday: 08:00-19:00", "monday: 08:00-25:00");

        var diagnostic = SingleError(yaml, "08:00-25:00");

        Assert.Contains("not a valid time of day", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_ranges_are_reported()
    {
        var yaml = With("saturday: [09:00-12:00]", "saturday: [09:00-12:00, 11:00-13:00]");

        var diagnostic = SingleError(yaml, "11:00-13:00");

        Assert.Equal("openingHours.saturday range 11:00-13:00 overlaps 09:00-12:00", diagnostic.Message);
    }

    [Fact]
    public void Scheduled_unlock_outside_opening_hours_is_refused()
    {
        var yaml = With("    acceptedCredentials: [wiegand26]", "    scheduledUnlock:\n      monday: [09:00-12:00, 18:00-20:00]\n    acceptedCredentials: [wiegand26]");

        var diagnostic = SingleError(yaml, "18:00-20:00");

        Assert.Equal(
            "scheduledUnlock of door 'porte-bureau-1'.monday range 18:00-20:00 is outside the opening hours of that day; the door would stay unlocked while the centre is closed",
            diagnostic.Message);
    }

    [Fact]
    public void Scheduled_unlock_is_loaded_per_day()
    {
        var yaml = With("    acceptedCredentials: [wiegand26]", "    scheduledUnlock: { monday: 09:00-12:00, saturday: [09:00-11:00] }\n    acceptedCredentials: [wiegand26]");

        var door = Parse(yaml).Configuration!.Doors[1];

        Assert.Equal([new TimeRange(new TimeOnly(9, 0), new TimeOnly(12, 0))], door.ScheduledUnlock.For(DayOfWeek.Monday));
        Assert.Equal([new TimeRange(new TimeOnly(9, 0), new TimeOnly(11, 0))], door.ScheduledUnlock.For(DayOfWeek.Saturday));
        Assert.Empty(door.ScheduledUnlock.For(DayOfWeek.Tuesday));
    }

    [Fact]
    public void Bad_and_repeated_closure_dates_are_reported()
    {
        var yaml = With("zones:", "closures:\n  - { date: 2026-12-25, reason: Noël }\n  - { date: 25/12/2026 }\n  - { date: 2026-12-25 }\nzones:");

        var result = Parse(yaml);

        Assert.Equal(2, result.Diagnostics.Count);
        AssertAt(result.Diagnostics[0], yaml, "25/12/2026");
        Assert.Equal("closure date must be a date written YYYY-MM-DD, found '25/12/2026'", result.Diagnostics[0].Message);
        AssertAt(result.Diagnostics[1], yaml, "2026-12-25", occurrence: 2);
        Assert.Equal($"closure day 2026-12-25 is listed twice (first at line {Position(yaml, "2026-12-25").Line})", result.Diagnostics[1].Message);
    }

    [Fact]
    public void Id_that_is_not_kebab_case_is_reported()
    {
        var yaml = With("id: bureau-1, name: Bureau 1", "id: Bureau_1, name: Bureau 1").Replace("to: bureau-1", "to: Bureau_1", StringComparison.Ordinal);

        var result = Parse(yaml);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Message.StartsWith("zone id", StringComparison.Ordinal));
        AssertAt(diagnostic, yaml, "Bureau_1");
        Assert.Contains("must be kebab-case ASCII", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_without_unit_is_refused()
    {
        var yaml = With("unlockTime: 5s", "unlockTime: 5");

        var diagnostic = SingleError(yaml, "5 }");

        Assert.Equal("unlockTime of door 'porte-entree' must be a duration with a unit (e.g. 500ms, 5s, 2min, 1h), found '5'", diagnostic.Message);
    }

    [Fact]
    public void Unlock_time_zero_is_refused()
    {
        var yaml = With("unlockTime: 4s", "unlockTime: 0s");

        var diagnostic = SingleError(yaml, "0s");

        Assert.Equal("unlockTime of door 'porte-bureau-1' is 0: a grant would never open the door (typical: 5s)", diagnostic.Message);
    }

    [Fact]
    public void Held_open_pre_alarm_after_alarm_is_refused()
    {
        var yaml = With("    acceptedCredentials: [wiegand26]", "    heldOpen: { preAlarm: 40s, alarm: 30s }\n    acceptedCredentials: [wiegand26]");

        var diagnostic = SingleError(yaml, "{ preAlarm");

        Assert.Contains("pre-alarm of door 'porte-bureau-1' (40s) must come before the alarm (30s)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_enum_value_suggests_the_right_word()
    {
        var yaml = With("failMode: fail-safe", "failMode: failsafe");

        var diagnostic = SingleError(yaml, "failsafe");

        Assert.Equal("failMode of door 'porte-entree' 'failsafe' is not valid; did you mean 'fail-safe'?", diagnostic.Message);
    }

    [Fact]
    public void Duplicate_zone_id_is_reported_at_the_second()
    {
        var yaml = With("id: bureau-1, name: Bureau 1", "id: accueil, name: Bureau 1");

        var result = Parse(yaml);

        var duplicate = Assert.Single(result.Diagnostics, d => d.Message.StartsWith("duplicate", StringComparison.Ordinal));
        AssertAt(duplicate, yaml, "accueil", occurrence: 2);
        Assert.Equal($"duplicate zone id 'accueil' (first declared at line {Position(yaml, "accueil").Line})", duplicate.Message);
    }

    [Fact]
    public void Duplicate_door_id_is_reported()
    {
        var yaml = With("  - id: porte-bureau-1", "  - id: porte-entree");

        var result = Parse(yaml);

        var duplicate = Assert.Single(result.Diagnostics, d => d.Message.StartsWith("duplicate door id 'porte-entree'", StringComparison.Ordinal));
        AssertAt(duplicate, yaml, "porte-entree", occurrence: 2);
    }

    [Fact]
    public void Duplicate_reader_id_is_reported()
    {
        var yaml = With("id: lecteur-copieur", "id: lecteur-entree");

        var diagnostic = SingleError(yaml, "lecteur-entree", occurrence: 2);

        Assert.StartsWith("duplicate reader id 'lecteur-entree'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_resource_id_across_kinds_is_reported()
    {
        var yaml = With("resources:\n", "resources:\n  visio:\n    - { id: copieur, zone: accueil }\n");

        var result = Parse(yaml);

        var duplicate = Assert.Single(result.Diagnostics);
        AssertAt(duplicate, yaml, "copieur, zone: accueil, snmp");
        Assert.StartsWith("duplicate resource id 'copieur'", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pin_used_twice_names_both_uses()
    {
        var yaml = With("d1: 6,", "d1: 17,");

        var diagnostic = SingleError(yaml, "17,", occurrence: 2);

        Assert.Equal(
            $"GPIO pin 17 is used twice: by reader 'lecteur-bureau-1' Wiegand D1 and by door 'porte-entree' strike (line {Position(yaml, "17").Line})",
            diagnostic.Message);
    }

    [Fact]
    public void Fire_alarm_on_a_feedback_pin_is_a_collision()
    {
        var yaml = With("door: porte-bureau-1 }", "door: porte-bureau-1, feedback: { buzzer: 4 } }");

        var diagnostic = SingleError(yaml, "4, activeLevel: low }");

        Assert.Contains("GPIO pin 4 is used twice: by the fire alarm input and by reader 'lecteur-bureau-1' buzzer", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_pointing_to_an_unknown_door_is_reported()
    {
        var yaml = With("door: porte-bureau-1 }", "door: porte-bureau-2 }");

        var diagnostic = SingleError(yaml, "porte-bureau-2");

        Assert.Equal("reader 'lecteur-bureau-1' points to unknown door 'porte-bureau-2'; did you mean 'porte-bureau-1'?", diagnostic.Message);
    }

    [Fact]
    public void Reader_pointing_to_an_unknown_resource_is_reported()
    {
        var yaml = With("resource: copieur }", "resource: photocopieur }");

        var diagnostic = SingleError(yaml, "photocopieur");

        Assert.StartsWith("reader 'lecteur-copieur' points to unknown resource 'photocopieur'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_desk_reader_serves_a_pc_resource()
    {
        var yaml = WithDesk("pc-bureau-1");

        var result = Parse(yaml);

        Assert.Empty(result.Diagnostics);
        var desk = result.Configuration!.Readers.Single(r => r.Id == "lecteur-bureau-pc");
        Assert.Equal(("pc-bureau-1", null), (desk.Resource, desk.Door));
    }

    [Fact]
    public void A_desk_reader_pointing_to_an_unknown_pc_is_reported_where_it_is_written()
    {
        var yaml = WithDesk("pc-bureau-2");

        var diagnostic = SingleError(yaml, "pc-bureau-2");

        Assert.Equal("reader 'lecteur-bureau-pc' points to unknown resource 'pc-bureau-2'; did you mean 'pc-bureau-1'?", diagnostic.Message);
        var (line, column) = Position(yaml, "pc-bureau-2");
        Assert.Equal($"{FileName}:{line}:{column}: {diagnostic.Message}", diagnostic.ToString());
    }

    [Fact]
    public void Reader_serving_both_a_door_and_a_resource_is_reported()
    {
        var yaml = With("resource: copieur }", "resource: copieur, door: porte-entree }");

        var diagnostic = SingleError(yaml, "copieur, door");

        Assert.Equal("reader 'lecteur-copieur' serves both door 'porte-entree' and resource 'copieur'; a reader serves exactly one", diagnostic.Message);
    }

    [Fact]
    public void Reader_serving_nothing_is_reported()
    {
        var yaml = With(", resource: copieur }", " }");

        var diagnostic = SingleError(yaml, "{ id: lecteur-copieur");

        Assert.Equal("reader 'lecteur-copieur' serves nothing: give it a 'door' or a 'resource'", diagnostic.Message);
    }

    [Fact]
    public void Wiegand_reader_without_data_lines_and_pcsc_reader_with_them_are_reported()
    {
        var yaml = With("kind: wiegand, d0: 5, d1: 6,", "kind: wiegand,")
            .Replace("device: ACS ACR122U,", "device: ACS ACR122U, d0: 5,", StringComparison.Ordinal);

        var result = Parse(yaml);

        Assert.Equal(3, result.Diagnostics.Count);
        AssertAt(result.Diagnostics[0], yaml, "d0: 5");
        Assert.Equal("'d0' only applies to Wiegand readers; reader 'lecteur-entree' reads over PC/SC", result.Diagnostics[0].Message);
        AssertAt(result.Diagnostics[1], yaml, "{ id: lecteur-bureau-1");
        Assert.Contains("needs 'd0'", result.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("needs 'd1'", result.Diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_that_cannot_read_what_its_door_accepts_is_reported()
    {
        var yaml = With("acceptedCredentials: [wiegand26]", "acceptedCredentials: [nfc]");

        var diagnostic = SingleError(yaml, "{ id: lecteur-bureau-1");

        Assert.Equal("reader 'lecteur-bureau-1' reads Wiegand credentials but door 'porte-bureau-1' accepts only nfc", diagnostic.Message);
    }

    [Fact]
    public void Door_between_unknown_zones_is_reported_for_each_side()
    {
        var yaml = With("from: accueil\n    to: bureau-1", "from: acceuil\n    to: bureau-9");

        var result = Parse(yaml);

        var from = Assert.Single(result.Diagnostics, d => d.Message.Contains("acceuil", StringComparison.Ordinal));
        AssertAt(from, yaml, "acceuil");
        Assert.Equal("door 'porte-bureau-1' comes from unknown zone 'acceuil'; did you mean 'accueil'?", from.Message);
        var to = Assert.Single(result.Diagnostics, d => d.Message.Contains("bureau-9", StringComparison.Ordinal));
        AssertAt(to, yaml, "bureau-9");
        // bureau-1 is now reached by no door: that is said too.
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("no door leads to zone 'bureau-1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Zone_no_door_leads_to_is_reported_unless_outside_or_within_another()
    {
        var yaml = With("  - { id: bureau-1,", "  - { id: coin-copie, name: Coin copie, kind: copier-corner, within: accueil }\n  - { id: salle-visio, name: Visio, kind: visio-room }\n  - { id: bureau-1,");

        var diagnostic = SingleError(yaml, "salle-visio");

        Assert.Equal("no door leads to zone 'salle-visio'; add a door whose 'to' is 'salle-visio', or say which zone it is part of with 'within'", diagnostic.Message);
    }

    [Fact]
    public void Unknown_time_zone_suggests_a_close_one()
    {
        var yaml = With("timeZone: Europe/Paris", "timeZone: Europe/Pari");

        var diagnostic = SingleError(yaml, "Europe/Pari");

        Assert.Equal("unknown time zone 'Europe/Pari'; did you mean 'Europe/Paris'?", diagnostic.Message);
    }

    [Fact]
    public void Secret_in_the_hub_section_points_to_credential_file()
    {
        var yaml = With("  credentialFile:", "  password: hunter2\n  credentialFile:");

        var diagnostic = SingleError(yaml, "password");

        Assert.Contains("looks like a secret", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("credentialFile", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiKey")]
    [InlineData("mqtt_token")]
    [InlineData("clientSecret")]
    [InlineData("key")]
    public void Secret_looking_key_anywhere_is_an_error(string key)
    {
        var yaml = With("resources:\n", $"resources:\n  extra:\n    {key}: abc\n");

        var result = Parse(yaml);

        var secret = Assert.Single(result.Diagnostics, d => d.Message.Contains("looks like a secret", StringComparison.Ordinal));
        AssertAt(secret, yaml, key + ":");
        // The unknown parent key is still reported, the secret key itself only once.
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Fact]
    public void Credentials_in_the_broker_uri_are_refused()
    {
        var yaml = With("mqtts://hub", "mqtts://gw:pass@hub");

        var diagnostic = SingleError(yaml, "mqtts://");

        Assert.Contains("never put secrets in a site file", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_fields_are_each_reported_at_their_mapping()
    {
        var yaml = With("  - id: porte-bureau-1\n    name: Bureau 1\n", "  - name: Bureau 1\n")
            .Replace("timeZone: Europe/Paris\n", "", StringComparison.Ordinal);

        var result = Parse(yaml);

        Assert.Contains(result.Diagnostics, d => d.Message == "the site file is missing required key 'timeZone'" && (d.Line, d.Column) == (1, 1));
        var door = Assert.Single(result.Diagnostics, d => d.Message == "door is missing required key 'id'");
        AssertAt(door, yaml, "name: Bureau 1\n    from");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        var yaml = With("timeZone: Europe/Paris", "timeZone: Mars/Olympus")
            .Replace("pin: 27,", "pin: 99,", StringComparison.Ordinal)
            .Replace("unlockTime: 4s", "unlockTime: 0s", StringComparison.Ordinal)
            .Replace("door: porte-entree }", "door: porte-sortie }", StringComparison.Ordinal);

        var result = Parse(yaml);

        Assert.Null(result.Configuration);
        Assert.Equal(4, result.Diagnostics.Count);
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Line).ToList(), result.Diagnostics);
        Assert.Contains("Mars/Olympus", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("99", result.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("is 0", result.Diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("porte-sortie", result.Diagnostics[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_site_without_hub_is_refused_but_a_planned_one_may_wait()
    {
        var withoutHub = Valid[..Valid.IndexOf("hub:", StringComparison.Ordinal)];

        Assert.Contains(Parse(withoutHub).Diagnostics, d => d.Message.StartsWith("an open site needs a 'hub' section", StringComparison.Ordinal));
        Assert.Empty(Parse(withoutHub.Replace("status: open", "status: planned", StringComparison.Ordinal)).Diagnostics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text")]
    [InlineData("{ id: [ }")]
    [InlineData("a: *nowhere\n")]
    [InlineData("---\na: 1\n---\nb: 2\n")]
    public void Garbage_never_throws_and_is_always_reported(string yaml)
    {
        var result = Parse(yaml);

        Assert.Null(result.Configuration);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain("internal error", d.Message, StringComparison.Ordinal));
    }

    private static string WithDesk(string resource) =>
        With("resources:\n  copiers:\n", "resources:\n  pcs:\n    - { id: pc-bureau-1, zone: bureau-1, hostName: pc-b1.cybercantal.lan }\n  copiers:\n")
            .Replace("resource: copieur }\n", $"resource: copieur }}\n  - {{ id: lecteur-bureau-pc, kind: pn532, device: /dev/ttyUSB1, resource: {resource} }}\n", StringComparison.Ordinal);
}
