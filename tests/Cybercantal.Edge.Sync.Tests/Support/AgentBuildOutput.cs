namespace Cybercantal.Edge.Sync.Tests.Support;

/// <summary>
/// Finds the agent's own build output. The child process must run from there: this test project uses the
/// ASP.NET Core shared framework (for the hub), so the agent's Microsoft.Extensions assemblies are not copied
/// next to the tests, while the agent's runtimeconfig only knows Microsoft.NETCore.App.
/// </summary>
internal static class AgentBuildOutput
{
    public static string AgentDll()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent!.Name;
        var root = baseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cybercantal.Edge.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var agent = Path.Combine(root.FullName, "agent", "bin", configuration, framework, "cybercantal-agent.dll");
        Assert.True(File.Exists(agent), $"{agent} is missing: build the agent ({configuration})");
        return agent;
    }
}
