namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>Finds files of the repository (samples, docs) from the test output directory.</summary>
internal static class RepositoryFiles
{
    public static string Find(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relativePath}' not found above {AppContext.BaseDirectory}.");
    }
}
