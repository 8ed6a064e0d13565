using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Mqtt;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// API keys of admins and centre managers. A key is 32 random bytes (base64url, prefixed <c>cck_</c>) shown
/// once at creation; the store keeps only its SHA-256. A salted slow hash is not needed here: the key is
/// random with 256 bits of entropy, not a password a person chose, so it cannot be guessed from its hash.
/// </summary>
public sealed class ApiKeyStore
{
    public const string Prefix = "cck_";

    private readonly HubDatabase _database;
    private readonly TimeProvider _time;

    public ApiKeyStore(HubDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Creates a key; returns its id and the key itself (never stored, shown once).</summary>
    public (ApiKeyView View, string Key) Create(string name, bool admin, IEnumerable<string>? sites)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw AdminException.Invalid("name", "The key name must have 1 to 100 characters.");
        }

        var siteList = (sites ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var site in siteList)
        {
            if (!SiteIds.IsValid(site))
            {
                throw AdminException.Invalid("sites", $"'{site}' is not a valid site id ({SiteIds.Rule}).");
            }
        }

        if (!admin && siteList.Length == 0)
        {
            throw AdminException.Invalid("sites", "A manager key needs at least one site.");
        }

        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_keys (id, name, hash, admin, sites, created_at) VALUES ($id, $name, $hash, $admin, $sites, $at)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", Hash(key));
        command.Parameters.AddWithValue("$admin", admin ? 1 : 0);
        command.Parameters.AddWithValue("$sites", string.Join(',', siteList));
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        return (new ApiKeyView(id, name, admin, siteList), key);
    }

    /// <summary>The caller a presented key stands for, or null when it is unknown.</summary>
    public ApiCaller? Find(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        // Looked up by hash: the index compares digests, never the key, so timing tells nothing about it.
        command.CommandText = "SELECT id, name, admin, sites FROM api_keys WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", Hash(key));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var sites = reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new ApiCaller(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, sites);
    }

    public IReadOnlyList<ApiKeyView> List()
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, admin, sites FROM api_keys ORDER BY name, id";
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKeyView>();
        while (reader.Read())
        {
            keys.Add(new ApiKeyView(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0,
                reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }

        return keys;
    }

    public bool Delete(string id)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM api_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() > 0;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
