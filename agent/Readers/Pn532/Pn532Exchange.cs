namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>Result of one exchange: status, number of response bytes (after the response code) and what went wrong.</summary>
internal readonly record struct Pn532Exchange(Pn532ExchangeStatus Status, int Length, string? Fault)
{
    public static Pn532Exchange Silent(string what) => new(Pn532ExchangeStatus.Silent, 0, what);

    public static Pn532Exchange Failed(string fault) => new(Pn532ExchangeStatus.Fault, 0, fault);
}
