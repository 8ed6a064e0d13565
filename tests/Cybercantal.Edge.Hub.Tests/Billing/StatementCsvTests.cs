using System.Security.Cryptography;
using System.Text;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

public sealed class StatementCsvTests
{
    private static byte[] Export()
    {
        using var world = new BillingWorld(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), "allanche/visio");
        world.Tariff(BillingItems.Office, "allanche", null, new DateOnly(2020, 1, 1), 7500);
        world.Tariff(BillingItems.CopierPage, null, null, new DateOnly(2020, 1, 1), 5, free: 10);
        world.Tariff(BillingItems.VisioHour, null, null, new DateOnly(2020, 1, 1), 2500);
        // Written in a scrambled order: the export order must not depend on it.
        world.Room("allanche", "zoé", new DateTimeOffset(2027, 1, 20, 10, 0, 0, TimeSpan.Zero), "visio", 50);
        world.Copier("allanche", "=cmd", new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.Zero), "c1", 31);
        world.Copier("allanche", "anne", new DateTimeOffset(2027, 1, 9, 10, 0, 0, TimeSpan.Zero), "c1", 25);
        world.Lease("anne", "allanche", "bureau;2", new DateOnly(2025, 6, 1));
        world.Member("zoé", "Zoé Martin");
        world.Billing.CloseMonth(ApiCaller.System, new BillingMonth(2027, 1));
        world.Billing.CloseMonth(ApiCaller.System, new BillingMonth(2027, 1));
        return StatementCsv.Bytes(world.Billing.Lines(ApiCaller.System, new BillingMonth(2027, 1), null));
    }

    [Fact]
    public void The_export_is_byte_for_byte_reproducible_French_Excel_CSV()
    {
        var first = Export();
        var second = Export();
        Assert.Equal(Convert.ToHexString(SHA256.HashData(first)), Convert.ToHexString(SHA256.HashData(second)));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, first[..3]);
        var text = Encoding.UTF8.GetString(first[3..]);
        Assert.Equal(
            StatementCsv.Header + "\r\n" +
            "2027-01;allanche;'=cmd;;Photocopies;05/01/2027;05/01/2027;21;page;0,05;1,05;20,00;0,21;1,26\r\n" +
            "2027-01;allanche;anne;anne;\"Bureau privatif bureau;2\";01/01/2027;31/01/2027;1;mois;75,00;75,00;20,00;15,00;90,00\r\n" +
            "2027-01;allanche;anne;anne;Photocopies;09/01/2027;09/01/2027;15;page;0,05;0,75;20,00;0,15;0,90\r\n" +
            "2027-01;allanche;zoé;Zoé Martin;Salle de visioconférence;20/01/2027;20/01/2027;0,8333;heure;25,00;20,83;20,00;4,17;25,00\r\n",
            text);
    }

    [Fact]
    public void The_members_name_follows_its_id_quoted_when_it_holds_a_separator_a_quote_or_a_line_break()
    {
        using var world = new BillingWorld(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        world.Tariff(BillingItems.CopierPage, null, null, new DateOnly(2020, 1, 1), 10);
        foreach (var (id, name) in new[] { ("m1", "Dupont; Anne"), ("m2", "Anne \"la\" Dupont"), ("m3", "Anne\r\nDupont"), ("m4", "-Anne"), ("m5", "Éloïse Brûlé") })
        {
            world.Member(id, name);
            world.Copier("murat", id, new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.Zero), "c1", 2);
        }

        var rows = Rows(world);

        Assert.Equal("Mois;Centre;Membre;Nom du membre;Article", string.Join(';', rows[0].Split(';')[..5]));
        Assert.Equal(
            [
                "2027-01;murat;m1;\"Dupont; Anne\";Photocopies;",
                "2027-01;murat;m2;\"Anne \"\"la\"\" Dupont\";Photocopies;",
                "2027-01;murat;m3;\"Anne\r\nDupont\";Photocopies;",
                "2027-01;murat;m4;'-Anne;Photocopies;",
                "2027-01;murat;m5;Éloïse Brûlé;Photocopies;",
            ],
            rows[1..].Select(r => r[..(r.IndexOf(";Photocopies;", StringComparison.Ordinal) + ";Photocopies;".Length)]));
    }

    [Fact]
    public void A_member_deleted_since_keeps_its_id_with_an_empty_name()
    {
        using var world = new BillingWorld(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        world.Tariff(BillingItems.CopierPage, null, null, new DateOnly(2020, 1, 1), 10);
        world.Member("gone", "Gaston Parti");
        world.Copier("murat", "gone", new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.Zero), "c1", 3);
        Assert.StartsWith("2027-01;murat;gone;Gaston Parti;Photocopies;", Rows(world)[1], StringComparison.Ordinal);

        world.DeleteMember("gone");

        Assert.Equal("2027-01;murat;gone;;Photocopies;05/01/2027;05/01/2027;3;page;0,10;0,30;20,00;0,06;0,36", Rows(world)[1]);
        Assert.Null(Assert.Single(world.Billing.Lines(ApiCaller.System, new BillingMonth(2027, 1), null)).MemberName);
    }

    // The CSV's records (a quoted line break stays inside its record).
    private static string[] Rows(BillingWorld world)
    {
        world.Billing.CloseMonth(ApiCaller.System, new BillingMonth(2027, 1));
        var text = Encoding.UTF8.GetString(StatementCsv.Bytes(world.Billing.Lines(ApiCaller.System, new BillingMonth(2027, 1), null))[3..]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[i] == '\r' && text[i + 1] == '\n')
            {
                rows.Add(text[start..i]);
                start = i + 2;
                i++;
            }
        }

        return [.. rows];
    }
}
