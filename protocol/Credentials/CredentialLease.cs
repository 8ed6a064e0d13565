namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>A private-office lease; dates are site-local and inclusive, <see cref="End"/> absent = open-ended.</summary>
public sealed record CredentialLease(string Zone, DateOnly Start, DateOnly? End = null);
