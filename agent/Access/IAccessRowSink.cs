namespace Cybercantal.Edge.Agent.Access;

/// <summary>Something access rows can be poured into: the store writer or a snapshot builder.</summary>
public interface IAccessRowSink
{
    void Add(MemberRecord member);

    void Add(BadgeRecord badge);

    void Add(AccessRightRecord right);

    void Add(LeaseRecord lease);

    void Add(BookingRecord booking);
}
