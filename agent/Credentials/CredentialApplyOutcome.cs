namespace Cybercantal.Edge.Agent.Credentials;

/// <summary>What became of one credential message.</summary>
public enum CredentialApplyOutcome
{
    /// <summary>Stored and published: decisions use it now.</summary>
    Applied,

    /// <summary>Not newer than what the site runs (a duplicate, or a snapshot behind a delta already applied); nothing to do.</summary>
    Stale,

    /// <summary>A delta on top of another version than the site's: not applied, a snapshot was asked for.</summary>
    ResyncRequested,

    /// <summary>Malformed or not for this site: not applied, logged.</summary>
    Refused,
}
