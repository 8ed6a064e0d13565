namespace Cybercantal.Edge.Agent.Access;

/// <summary>What an import did: either every row was imported, or nothing was and the problems say why.</summary>
public sealed record AccessImportResult(
    IReadOnlyList<AccessImportProblem> Problems,
    int Members,
    int Badges,
    int Rights,
    int Leases,
    int Bookings)
{
    public bool Succeeded => Problems.Count == 0;

    public static AccessImportResult Failed(IReadOnlyList<AccessImportProblem> problems) => new(problems, 0, 0, 0, 0, 0);
}
