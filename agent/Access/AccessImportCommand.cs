using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// <c>cybercantal-agent import SEED.yaml [DATABASE]</c>: validates a seed file and, when it is clean,
/// replaces the access store with it. Exit codes: 0 imported, 1 seed refused (problems on stderr as
/// FILE:LINE:COLUMN: message), 2 the store could not be opened.
/// </summary>
public static class AccessImportCommand
{
    public const int Imported = 0;
    public const int SeedRefused = 1;
    public const int StoreUnavailable = 2;

    public static int Run(string seedFile, string databasePath, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        AccessStoreDatabase database;
        try
        {
            database = AccessStoreDatabase.Open(databasePath);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"{databasePath}: cannot open the access store: {exception.Message}");
            return StoreUnavailable;
        }

        var result = AccessSeedImporter.Import(seedFile, database);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                stderr.WriteLine(problem.ToString());
            }

            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seedFile}: {result.Problems.Count} problem(s); nothing imported, {databasePath} unchanged."));
            return SeedRefused;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {seedFile} into {databasePath}: {result.Members} members, {result.Badges} badges, {result.Rights} rights, {result.Leases} leases, {result.Bookings} bookings."));
        return Imported;
    }
}
