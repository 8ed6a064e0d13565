namespace Cybercantal.Edge.Demo.Tests.Support;

internal static class Waiting
{
    /// <summary>Polls a condition on the running demo (real hosts, real sockets) until it holds or the time is up.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe());
            }

            await Task.Delay(50);
        }
    }
}
