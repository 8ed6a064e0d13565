using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>A small valid site file, and helpers to break it in one place and find where.</summary>
internal static class SiteFileSnippets
{
    public const string FileName = "test.yaml";

    public const string Valid = """
        schemaVersion: 1
        id: test-site
        name: Centre de test
        commune: Testville
        status: open
        timeZone: Europe/Paris
        openingHours:
          monday: 08:00-19:00
          saturday: [09:00-12:00]
        zones:
          - { id: outside, name: Extérieur, kind: outside }
          - { id: accueil, name: Accueil, kind: entrance }
          - { id: bureau-1, name: Bureau 1, kind: private-office, seats: 4 }
        doors:
          - id: porte-entree
            name: Porte d'entrée
            from: outside
            to: accueil
            failMode: fail-safe
            strike: { pin: 17, unlockLevel: low, unlockTime: 5s }
            positionSensor: { pin: 27, debounce: 50ms }
            exitRequest: { pin: 22, activeLevel: low }
          - id: porte-bureau-1
            name: Bureau 1
            from: accueil
            to: bureau-1
            strike: { pin: 23, unlockTime: 4s }
            acceptedCredentials: [wiegand26]
        readers:
          - { id: lecteur-entree, kind: pcsc, device: ACS ACR122U, door: porte-entree }
          - { id: lecteur-bureau-1, kind: wiegand, d0: 5, d1: 6, door: porte-bureau-1 }
          - { id: lecteur-copieur, kind: pn532, device: /dev/ttyUSB0, resource: copieur }
        resources:
          copiers:
            - { id: copieur, zone: accueil, snmpAddress: 10.0.0.40:161, enablePin: 26 }
        fireAlarm: { pin: 4, activeLevel: low }
        hub:
          broker: mqtts://hub.cybercantal.fr:8883
          credentialFile: /etc/cybercantal/gateway.credential

        """;

    /// <summary>The valid file with one exact, unique piece of text replaced.</summary>
    public static string With(string original, string replacement)
    {
        Assert.Equal(1, Occurrences(Valid, original));
        return Valid.Replace(original, replacement, StringComparison.Ordinal);
    }

    public static SiteLoadResult Parse(string yaml) => SiteFileLoader.Parse(yaml, FileName);

    /// <summary>1-based line and column where <paramref name="text"/> first appears in <paramref name="yaml"/>.</summary>
    public static (int Line, int Column) Position(string yaml, string text, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = yaml.IndexOf(text, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{text}' not found");
        }

        var before = yaml[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    /// <summary>Asserts the result is rejected with exactly one diagnostic, at the position of <paramref name="at"/>.</summary>
    public static SiteDiagnostic SingleError(string yaml, string at, int occurrence = 1)
    {
        var result = Parse(yaml);
        Assert.Null(result.Configuration);
        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, yaml, at, occurrence);
        return diagnostic;
    }

    public static void AssertAt(SiteDiagnostic diagnostic, string yaml, string at, int occurrence = 1)
    {
        var (line, column) = Position(yaml, at, occurrence);
        Assert.Equal(FileName, diagnostic.File);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
