using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Imports a YAML seed file (members, badges, rights, leases, bookings) into the access store.
/// The seed is the complete access data of a centre: a successful import replaces the store's
/// content in one transaction; any problem in any row imports nothing and every problem is reported.
/// </summary>
public static class AccessSeedImporter
{
    public static AccessImportResult Import(string seedFile, AccessStoreDatabase db, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        logger ??= NullLogger.Instance;
        var result = Validate(seedFile, out var seed);
        if (!result.Succeeded)
        {
            AccessLog.SeedRefused(logger, seedFile, result.Problems.Count);
            return result;
        }

        try
        {
            using var writer = db.BeginReplace();
            seed!.Members.ForEach(writer.Add);
            seed.Badges.ForEach(writer.Add);
            seed.Rights.ForEach(writer.Add);
            seed.Leases.ForEach(writer.Add);
            seed.Bookings.ForEach(writer.Add);
            writer.Commit();
        }
        catch (SqliteException exception)
        {
            AccessLog.SeedRefused(logger, seedFile, 1);
            return AccessImportResult.Failed([new AccessImportProblem(seedFile, 1, 1, $"writing the access store '{db.Path}' failed: {exception.Message}")]);
        }

        AccessLog.SeedImported(logger, seedFile, result.Members, result.Badges, result.Rights, result.Leases, result.Bookings);
        return result;
    }

    /// <summary>Reads and checks a seed file without writing anything.</summary>
    public static AccessImportResult Validate(string seedFile) => Validate(seedFile, out _);

    private static AccessImportResult Validate(string seedFile, out AccessSeed? seed)
    {
        seed = null;
        string text;
        try
        {
            text = File.ReadAllText(seedFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return AccessImportResult.Failed([new AccessImportProblem(seedFile, 1, 1, "cannot read the seed file: " + exception.Message)]);
        }

        using var reader = new StringReader(text);
        var (parsed, problems) = AccessSeedParser.Parse(seedFile, reader);
        if (problems.Count > 0)
        {
            return AccessImportResult.Failed(problems);
        }

        seed = parsed;
        return new AccessImportResult([], parsed.Members.Count, parsed.Badges.Count, parsed.Rights.Count, parsed.Leases.Count, parsed.Bookings.Count);
    }
}
