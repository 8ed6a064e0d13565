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
            "2027-01;allanche;'=cmd;Photocopies;05/01/2027;05/01/2027;21;page;0,05;1,05;20,00;0,21;1,26\r\n" +
            "2027-01;allanche;anne;\"Bureau privatif bureau;2\";01/01/2027;31/01/2027;1;mois;75,00;75,00;20,00;15,00;90,00\r\n" +
            "2027-01;allanche;anne;Photocopies;09/01/2027;09/01/2027;15;page;0,05;0,75;20,00;0,15;0,90\r\n" +
            "2027-01;allanche;zoé;Salle de visioconférence;20/01/2027;20/01/2027;0,8333;heure;25,00;20,83;20,00;4,17;25,00\r\n",
            text);
    }
}
