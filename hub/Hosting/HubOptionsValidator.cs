using System.Net;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Hosting;

/// <summary>Refuses to start on a configuration that cannot work, naming the setting at fault.</summary>
internal sealed class HubOptionsValidator : IValidateOptions<HubOptions>
{
    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        var failures = new List<string>();
        var mqtt = options.Mqtt;
        if (!Enum.IsDefined(mqtt.Mode))
        {
            failures.Add($"Hub:Mqtt:Mode '{mqtt.Mode}' is neither Embedded nor External.");
        }

        if (mqtt.Mode == MqttBrokerMode.Embedded)
        {
            if (mqtt.Port is < 1 or > 65535)
            {
                failures.Add($"Hub:Mqtt:Port {mqtt.Port} is not a TCP port (1-65535).");
            }

            if (!IPAddress.TryParse(mqtt.BindAddress, out _))
            {
                failures.Add($"Hub:Mqtt:BindAddress '{mqtt.BindAddress}' is not an IP address.");
            }
        }
        else if (mqtt.Mode == MqttBrokerMode.External)
        {
            if (!Uri.TryCreate(mqtt.ExternalUri, UriKind.Absolute, out var uri) || uri.Scheme != "mqtt" || uri.Port < 1)
            {
                failures.Add($"Hub:Mqtt:ExternalUri '{mqtt.ExternalUri}' is not of the form mqtt://host:port.");
            }

            if (string.IsNullOrWhiteSpace(mqtt.ExternalUsername))
            {
                failures.Add("Hub:Mqtt:ExternalUsername is empty.");
            }

            if (string.IsNullOrWhiteSpace(mqtt.ExternalPasswordFile) || !File.Exists(mqtt.ExternalPasswordFile))
            {
                failures.Add($"Hub:Mqtt:ExternalPasswordFile '{mqtt.ExternalPasswordFile}' does not exist.");
            }

            if (string.IsNullOrWhiteSpace(mqtt.ExternalClientId))
            {
                failures.Add("Hub:Mqtt:ExternalClientId is empty.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Store.Path))
        {
            failures.Add("Hub:Store:Path is empty.");
        }
        else
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Store.Path));
            if (directory is not null && !Directory.Exists(directory))
            {
                failures.Add($"Hub:Store:Path '{options.Store.Path}': directory '{directory}' does not exist.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
