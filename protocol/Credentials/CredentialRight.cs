namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>An explicit right to a zone, optionally inside a weekly schedule (text form, e.g. <c>mon-fri 08:00-18:00</c>).</summary>
public sealed record CredentialRight(string Zone, string? Schedule = null, DateOnly? ValidFrom = null, DateOnly? ValidTo = null);
