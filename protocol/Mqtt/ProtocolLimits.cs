namespace Cybercantal.Edge.Protocol.Mqtt;

/// <summary>Hard limits both sides honour; the hub refuses anything beyond them.</summary>
public static class ProtocolLimits
{
    /// <summary>Largest journal batch payload, in bytes of UTF-8 JSON.</summary>
    public const int MaxBatchBytes = 256 * 1024;

    /// <summary>Most records in one journal batch.</summary>
    public const int MaxBatchRecords = 1000;

    /// <summary>Longest value of any string field of a journal record.</summary>
    public const int MaxFieldLength = 256;

    /// <summary>The journal batch schema this protocol version defines.</summary>
    public const int JournalSchema = 1;

    /// <summary>The credentials and commands envelope schema this protocol version defines.</summary>
    public const int EnvelopeSchema = 1;

    /// <summary>The site description schema this protocol version defines.</summary>
    public const int DescriptionSchema = 1;

    /// <summary>Largest site description payload, in bytes of UTF-8 JSON.</summary>
    public const int MaxDescriptionBytes = 64 * 1024;

    /// <summary>Most zones, resources and closure dates in one site description (each).</summary>
    public const int MaxDescriptionItems = 1000;
}
