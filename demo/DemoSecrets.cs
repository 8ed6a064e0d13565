using System.Security.Cryptography;

namespace Cybercantal.Edge.Demo;

/// <summary>Per-site gateway secrets of the demo, written as the agents' credential files (mode 0600).</summary>
public static class DemoSecrets
{
    /// <summary>Writes a new random secret to <paramref name="path"/>, readable by this user only, and returns it.</summary>
    public static string Write(string path)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(secret);
        }

        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its mode on create: tighten it in case an older run left it wider.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }
}
