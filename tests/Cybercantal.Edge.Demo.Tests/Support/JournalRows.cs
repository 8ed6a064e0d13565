using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Demo.Tests.Support;

/// <summary>Reads journal rows straight from the SQLite files (hub store and agent journals).</summary>
internal static class JournalRows
{
    /// <summary>Sequence -> kind of one site's rows in the hub store.</summary>
    public static SortedDictionary<long, int> Hub(string hubDatabase, string site) =>
        Read(hubDatabase, "SELECT seq, kind FROM journal WHERE site = $site", ("$site", site));

    /// <summary>Sequence -> kind of an agent's own journal.</summary>
    public static SortedDictionary<long, int> Agent(string journalDatabase) => Read(journalDatabase, "SELECT seq, kind FROM journal");

    public static long Scalar(string database, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SortedDictionary<long, int> Read(string database, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new SortedDictionary<long, int>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0), reader.GetInt32(1));
        }

        return rows;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
