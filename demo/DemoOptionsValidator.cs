using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Demo;

/// <summary>Refuses demo settings that cannot work, naming the setting and the command-line switch.</summary>
public sealed class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
    public const double MaxSpeed = 3600;

    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Demo:DataDirectory (--data) is empty.");
        }
        else if (File.Exists(options.DataDirectory))
        {
            failures.Add($"Demo:DataDirectory (--data) '{options.DataDirectory}' is a file, not a directory.");
        }

        if (!double.IsFinite(options.Speed) || options.Speed < 1 || options.Speed > MaxSpeed)
        {
            failures.Add($"Demo:Speed (--speed) must be between 1 and {MaxSpeed} (got {options.Speed}).");
        }

        Port(failures, "Demo:MqttPort (--port)", options.MqttPort);
        Port(failures, "Demo:HttpPort (--http-port)", options.HttpPort);
        if (options.MqttPort is > 0 && options.MqttPort == options.HttpPort)
        {
            failures.Add($"Demo:MqttPort (--port) and Demo:HttpPort (--http-port) are both {options.MqttPort}.");
        }

        if (options.StartTime > new TimeOnly(20, 0))
        {
            failures.Add($"Demo:StartTime must be at most 20:00 so that a day is left to play (got {options.StartTime}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Port(List<string> failures, string name, int? port)
    {
        if (port is < 0 or > 65535)
        {
            failures.Add($"{name} {port} is not a TCP port (1-65535, or 0 for any free port).");
        }
    }
}
