namespace Cybercantal.Edge.Agent.Access;

/// <summary>What a member's bookings say about a room at an instant.</summary>
internal enum BookingMatch : byte
{
    None = 0,
    Current = 1,
    Released = 2,
}
