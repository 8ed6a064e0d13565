using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// Options section <c>Snmp</c>. The community is a weak secret: it lives in a file readable by the agent only
/// (<see cref="CommunityFile"/>), never inline in the site file, which only holds each copier's
/// <see cref="CopierConfiguration.SnmpAddress"/>.
/// </summary>
public sealed class SnmpOptions
{
    public const string SectionName = "Snmp";

    /// <summary>The read community of printers' factory settings, used when no community file is configured.</summary>
    public const string DefaultCommunity = "public";

    /// <summary>SNMP's well-known agent port, used when a copier address has no port.</summary>
    public const int DefaultPort = 161;

    /// <summary>RFC 3417: every SNMP entity accepts messages of at least 484 bytes.</summary>
    public const int MinimumMessageSize = 484;

    /// <summary>Largest UDP payload over IPv4.</summary>
    public const int MaximumUdpPayload = 65507;

    /// <summary>Wait for an answer to one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts after the first one when no answer came.</summary>
    public int Retries { get; set; } = 2;

    public SnmpVersion Version { get; set; } = SnmpVersion.V2c;

    /// <summary>File holding the read community on its first line; null for <see cref="DefaultCommunity"/>.</summary>
    public string? CommunityFile { get; set; }

    /// <summary>Responses larger than this are discarded as oversized (a counter GET answer is about 100 bytes).</summary>
    public int MaxResponseBytes { get; set; } = 8192;

    /// <summary>Throws naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, $"{SectionName}:{nameof(Timeout)} must be between 0 and 60 s.");
        }

        if (Retries is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, $"{SectionName}:{nameof(Retries)} must be between 0 and 10.");
        }

        if (!Enum.IsDefined(Version))
        {
            throw new ArgumentOutOfRangeException(nameof(Version), Version, $"{SectionName}:{nameof(Version)} must be V1 or V2c.");
        }

        if (MaxResponseBytes is < MinimumMessageSize or > MaximumUdpPayload)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxResponseBytes), MaxResponseBytes, $"{SectionName}:{nameof(MaxResponseBytes)} must be between {MinimumMessageSize} and {MaximumUdpPayload}.");
        }

        _ = ReadCommunity();
    }

    /// <summary>
    /// The community from <see cref="CommunityFile"/> (first line, surrounding whitespace trimmed) or
    /// <see cref="DefaultCommunity"/>. Throws <see cref="InvalidOperationException"/> naming the file, never its content.
    /// </summary>
    public string ReadCommunity()
    {
        if (string.IsNullOrWhiteSpace(CommunityFile))
        {
            return DefaultCommunity;
        }

        string text;
        try
        {
            text = File.ReadAllText(CommunityFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(CommunityFile)} '{CommunityFile}' cannot be read: {ex.Message}", ex);
        }

        var community = text.Split('\n', 2)[0].Trim();
        if (community.Length == 0)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(CommunityFile)} '{CommunityFile}' is empty: put the read community on its first line.");
        }

        if (community.Length > SnmpMessageCodec.MaxCommunityLength || community.Any(c => c is < ' ' or > '~'))
        {
            throw new InvalidOperationException(
                $"{SectionName}:{nameof(CommunityFile)} '{CommunityFile}': the community must be 1 to {SnmpMessageCodec.MaxCommunityLength} printable ASCII characters.");
        }

        return community;
    }
}
