namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>A room booking, [Start, End) in UTC.</summary>
public sealed record CredentialBooking(string Zone, DateTimeOffset Start, DateTimeOffset End);
