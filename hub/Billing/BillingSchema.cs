using Cybercantal.Edge.Hub.Store;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Billing's tables in the hub store (created if missing, so an older store gains them on upgrade):
/// dated tariffs, daily usage aggregates per member and month, month status, statement lines, and the
/// retention horizon (raw journal rows before it are gone). A partial covering index over the usage
/// records (kinds 30-49) lets a month close read them as one range scan instead of a lookup per row. Aggregates and statements are kept for good.
/// </summary>
internal static class BillingSchema
{
    private const string Sql = """
        CREATE TABLE IF NOT EXISTS tariffs (
            id INTEGER PRIMARY KEY,
            item TEXT NOT NULL,
            site TEXT,
            zone TEXT,
            effective_from TEXT NOT NULL,
            unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
            free_per_month INTEGER NOT NULL CHECK (free_per_month >= 0),
            created_by TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS usage_daily (
            month TEXT NOT NULL,
            site TEXT NOT NULL,
            member TEXT NOT NULL,
            measure TEXT NOT NULL,
            resource TEXT NOT NULL,
            day TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            records INTEGER NOT NULL,
            PRIMARY KEY (month, site, member, measure, resource, day)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS billing_months (
            month TEXT NOT NULL PRIMARY KEY,
            aggregated_us INTEGER NOT NULL,
            records INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            without_member INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS statement_lines (
            month TEXT NOT NULL,
            site TEXT NOT NULL,
            member TEXT NOT NULL,
            line INTEGER NOT NULL,
            item TEXT NOT NULL,
            resource TEXT,
            from_day TEXT NOT NULL,
            to_day TEXT NOT NULL,
            quantity_num INTEGER NOT NULL,
            quantity_den INTEGER NOT NULL,
            unit TEXT NOT NULL,
            unit_price_cents INTEGER NOT NULL,
            excl_cents INTEGER NOT NULL,
            vat_bp INTEGER NOT NULL,
            vat_cents INTEGER NOT NULL,
            incl_cents INTEGER NOT NULL,
            PRIMARY KEY (month, site, member, line)
        ) WITHOUT ROWID;
        DROP INDEX IF EXISTS journal_usage;
        CREATE INDEX IF NOT EXISTS journal_usage_door ON journal (at_us, kind, site, member, detail, door) WHERE kind BETWEEN 30 AND 49;
        CREATE TABLE IF NOT EXISTS retention_state (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            deleted_before_us INTEGER NOT NULL
        );
        """;

    public static void Ensure(HubDatabase database)
    {
        using var connection = database.OpenConnection();
        HubDatabase.Execute(connection, Sql);
    }
}
