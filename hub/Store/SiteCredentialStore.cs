using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cybercantal.Edge.Protocol.Mqtt;

namespace Cybercantal.Edge.Hub.Store;

/// <summary>
/// Gateway secrets, stored only as PBKDF2-SHA256 hashes with a per-site random salt. The MQTT user name of
/// a gateway is its site id. Verification compares in fixed time and costs the same for an unknown site.
/// </summary>
public sealed class SiteCredentialStore
{
    public const int Iterations = 100_000;
    public const int MinimumSecretLength = 16;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified against when the site is unknown, so an unknown user name costs as much as a wrong password.
    private static readonly byte[] DecoySalt = RandomNumberGenerator.GetBytes(SaltBytes);

    private readonly HubDatabase _database;
    private readonly TimeProvider _time;

    public SiteCredentialStore(HubDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Sets (or replaces) a site's secret. Throws <see cref="ArgumentException"/> on a bad site id or a short secret.</summary>
    public void SetSecret(string site, string secret)
    {
        if (!SiteIds.IsValid(site))
        {
            throw new ArgumentException($"'{site}' is not a valid site id ({SiteIds.Rule}).", nameof(site));
        }

        if (secret is null || secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"The secret must have at least {MinimumSecretLength} characters.", nameof(secret));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(Encoding.UTF8.GetBytes(secret), salt, Iterations);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO site_credentials (site, salt, hash, iterations, updated_at) VALUES ($site, $salt, $hash, $iterations, $at)
            ON CONFLICT (site) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, iterations = excluded.iterations, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$site", site);
        command.Parameters.AddWithValue("$salt", salt);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$iterations", Iterations);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>True when <paramref name="site"/> is a known site and <paramref name="password"/> its secret.</summary>
    public bool Verify(string? site, ReadOnlySpan<byte> password)
    {
        byte[] salt = DecoySalt;
        byte[]? expected = null;
        var iterations = Iterations;
        if (site is not null && SiteIds.IsValid(site))
        {
            using var connection = _database.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT salt, hash, iterations FROM site_credentials WHERE site = $site";
            command.Parameters.AddWithValue("$site", site);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                salt = (byte[])reader.GetValue(0);
                expected = (byte[])reader.GetValue(1);
                iterations = reader.GetInt32(2);
            }
        }

        var actual = Derive(password, salt, iterations);
        var equal = CryptographicOperations.FixedTimeEquals(actual, expected ?? new byte[HashBytes]);
        return expected is not null && equal && !password.IsEmpty;
    }

    private static byte[] Derive(ReadOnlySpan<byte> secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
