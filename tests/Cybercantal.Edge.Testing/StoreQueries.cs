using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Testing;

/// <summary>Reads the hub's SQLite file directly, as an auditor would.</summary>
public static class StoreQueries
{
    public static List<long> Sequences(string path, string site)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM journal WHERE site = $site ORDER BY seq";
        command.Parameters.AddWithValue("$site", site);
        using var reader = command.ExecuteReader();
        var result = new List<long>();
        while (reader.Read())
        {
            result.Add(reader.GetInt64(0));
        }

        return result;
    }

    public static long Count(string path, string site)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE site = $site";
        command.Parameters.AddWithValue("$site", site);
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
