namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// Loads a centre's site file (YAML, see docs/site-files.md) into a <see cref="SiteConfiguration"/>,
/// reporting every problem at once with its line and column, the way a compiler does.
/// </summary>
public static class SiteFileLoader
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>Lines of a Raspberry Pi's main GPIO chip; a site file can say otherwise with gpioLines.</summary>
    public const int DefaultGpioLineCount = 54;

    /// <summary>Site files are a few hundred lines; anything this big is the wrong file.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    public static SiteLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failure(path, Directory.Exists(path) ? "is a directory, not a site file" : "file not found");
            }

            if (info.Length > MaxFileBytes)
            {
                return Failure(path, $"file is {info.Length} bytes; a site file is expected to be under {MaxFileBytes} bytes");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Failure(path, $"cannot read the file: {exception.Message}");
        }

        return Parse(text, path, Path.GetFullPath(path));
    }

    /// <summary>Parses site-file text; <paramref name="fileName"/> is only used in diagnostics.</summary>
    public static SiteLoadResult Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        return Parse(yamlText, fileName, sourcePath: null);
    }

    private static SiteLoadResult Parse(string yamlText, string fileName, string? sourcePath)
    {
        var diagnostics = new SiteDiagnosticBag(fileName);
        SiteConfiguration? configuration = null;
        try
        {
            var root = SiteYamlReader.Read(yamlText, diagnostics, out var truncated);
            SecretKeys.Scan(root, diagnostics);
            var context = new SiteBindingContext(diagnostics, truncated);
            configuration = new SiteFileBinder(context, sourcePath).Bind(root);
        }
        catch (Exception exception)
        {
            // Bad input must never take the agent down; an unforeseen case still names the file.
            diagnostics.Add(0, 0, $"internal error while reading the site file ({exception.GetType().Name}: {exception.Message}); please report it");
        }

        return new SiteLoadResult(configuration, diagnostics.ToSortedList());
    }

    private static SiteLoadResult Failure(string path, string message) =>
        new(null, [new SiteDiagnostic(path, 0, 0, message)]);
}
