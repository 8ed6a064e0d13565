using System.Text.RegularExpressions;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// Recognises keys that would hold a secret. Site files are versioned and copied around; secrets belong in
/// the file named by <c>hub.credentialFile</c>, readable only by the agent.
/// </summary>
internal static partial class SecretKeys
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "tokens", "key", "keys",
        "apikey", "privatekey",
    };

    public static bool LooksLikeSecret(string key)
    {
        var lower = key.ToLowerInvariant();
        if (lower.Contains("password", StringComparison.Ordinal)
            || lower.Contains("secret", StringComparison.Ordinal)
            || lower.Contains("token", StringComparison.Ordinal))
        {
            return true;
        }

        // Split camelCase, kebab-case and snake_case into words: "apiKey" is a secret, "keyboard" is not.
        foreach (var word in WordBoundary().Split(key))
        {
            if (word.Length > 0 && SecretWords.Contains(word.ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports every secret-looking key anywhere in the tree, known section or not.</summary>
    public static void Scan(SiteYamlNode? node, SiteDiagnosticBag diagnostics)
    {
        switch (node)
        {
            case SiteYamlMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    if (LooksLikeSecret(key.Value))
                    {
                        diagnostics.Add(key, $"key '{key.Value}' looks like a secret: never put secrets in a site file; "
                            + "store it in a file readable only by the agent and point hub.credentialFile at it");
                    }

                    Scan(value, diagnostics);
                }

                break;
            case SiteYamlSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Scan(item, diagnostics);
                }

                break;
        }
    }

    [GeneratedRegex(@"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBoundary();
}
