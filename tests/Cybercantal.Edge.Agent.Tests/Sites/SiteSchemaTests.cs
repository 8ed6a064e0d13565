using System.Text.Json;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Sites;

/// <summary>The JSON schema editors use and the loader must describe the same format.</summary>
public sealed class SiteSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "firmware-config", "schema", "site.schema.json"))).RootElement;

    public static TheoryData<string, string[]> Sections => new()
    {
        { "", SiteFileKeys.Site },
        { "$defs/weeklySchedule", SiteFileKeys.Week },
        { "properties/closures/items", SiteFileKeys.Closure },
        { "$defs/zone", SiteFileKeys.Zone },
        { "$defs/door", SiteFileKeys.Door },
        { "$defs/strike", SiteFileKeys.Strike },
        { "$defs/input", SiteFileKeys.Input },
        { "$defs/door/properties/heldOpen", SiteFileKeys.HeldOpen },
        { "$defs/reader", SiteFileKeys.Reader },
        { "$defs/reader/properties/feedback", SiteFileKeys.Feedback },
        { "properties/resources", SiteFileKeys.Resources },
        { "$defs/pc", SiteFileKeys.Pc },
        { "$defs/copier", SiteFileKeys.Copier },
        { "$defs/visio", SiteFileKeys.Visio },
        { "$defs/hub", SiteFileKeys.Hub },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_and_loader_know_the_same_keys(string pointer, string[] loaderKeys)
    {
        var section = At(pointer);

        Assert.Equal("2020-12", Schema.GetProperty("$schema").GetString()!.Split('/')[^2]);
        Assert.False(section.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(loaderKeys.Order(), section.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void Schema_and_loader_know_the_same_words()
    {
        Assert.Equal(SiteFileChoices.ZoneKinds.Keys.Order(), Enum(At("$defs/zone/properties/kind")));
        Assert.Equal(SiteFileChoices.ReaderKinds.Keys.Order(), Enum(At("$defs/reader/properties/kind")));
        Assert.Equal(SiteFileChoices.FailModes.Keys.Order(), Enum(At("$defs/door/properties/failMode")));
        Assert.Equal(SiteFileChoices.Levels.Keys.Order(), Enum(At("$defs/level")));
        Assert.Equal(SiteFileChoices.CredentialKinds.Keys.Order(), Enum(At("$defs/credentialKind")));
        Assert.Equal(SiteFileChoices.Status.Keys.Order(), Enum(At("properties/status")));
    }

    private static JsonElement At(string pointer)
    {
        var element = Schema;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            element = element.GetProperty(part);
        }

        return element;
    }

    private static IEnumerable<string> Enum(JsonElement element) =>
        element.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order();
}
