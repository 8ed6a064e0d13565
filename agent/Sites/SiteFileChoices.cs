using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>The words a site file uses for enum values (kebab-case, as people write them).</summary>
internal static class SiteFileChoices
{
    public static readonly Dictionary<string, SiteStatus> Status = new(StringComparer.Ordinal)
    {
        ["open"] = SiteStatus.Open,
        ["planned"] = SiteStatus.Planned,
    };

    public static readonly Dictionary<string, ZoneKind> ZoneKinds = new(StringComparer.Ordinal)
    {
        ["outside"] = ZoneKind.Outside,
        ["entrance"] = ZoneKind.Entrance,
        ["open-space"] = ZoneKind.OpenSpace,
        ["private-office"] = ZoneKind.PrivateOffice,
        ["meeting-room"] = ZoneKind.MeetingRoom,
        ["visio-room"] = ZoneKind.VisioRoom,
        ["copier-corner"] = ZoneKind.CopierCorner,
        ["training-room"] = ZoneKind.TrainingRoom,
        ["staff-only"] = ZoneKind.StaffOnly,
    };

    public static readonly Dictionary<string, FailMode> FailModes = new(StringComparer.Ordinal)
    {
        ["fail-safe"] = FailMode.FailSafe,
        ["fail-secure"] = FailMode.FailSecure,
    };

    public static readonly Dictionary<string, SignalLevel> Levels = new(StringComparer.Ordinal)
    {
        ["high"] = SignalLevel.High,
        ["low"] = SignalLevel.Low,
    };

    public static readonly Dictionary<string, ReaderKind> ReaderKinds = new(StringComparer.Ordinal)
    {
        ["pcsc"] = ReaderKind.Pcsc,
        ["pn532"] = ReaderKind.Pn532,
        ["wiegand"] = ReaderKind.Wiegand,
    };

    public static readonly Dictionary<string, CredentialKind> CredentialKinds = new(StringComparer.Ordinal)
    {
        ["nfc"] = CredentialKind.Nfc,
        ["wiegand26"] = CredentialKind.Wiegand26,
        ["wiegand34"] = CredentialKind.Wiegand34,
        ["wiegand37"] = CredentialKind.Wiegand37,
    };
}
