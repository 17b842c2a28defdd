namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// The tables of the local database. Every statement is idempotent, so the schema is simply applied on every
/// start; tables added later carry their own one-time migration from the rows that held the same facts before.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>One-time moves of facts into tables added after wave 1; each is idempotent.</summary>
    private static readonly Action<SqliteSession>[] Migrations = [MoveWallboardsToAlertBoard, MoveLocalOutboxToRows];

    /// <summary>Runs every migration not yet applied; one that fails is rolled back whole and stops the start.</summary>
    public static void Migrate(SqliteSession session)
    {
        foreach (var migration in Migrations)
        {
            try
            {
                migration(session);
            }
            catch (Exception)
            {
                if (SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0) session.Execute("ROLLBACK");
                throw;
            }
        }
    }

    /// <summary>
    /// Wave 1 kept each school's and district's open alerts as one growing JSON map in the wallboard grain's
    /// state, and each node's open case ids as a list in the node's: their entries become alert_board rows
    /// (version 0, so the case's next change replaces them). Runs once: user_version records it.
    /// </summary>
    private static void MoveWallboardsToAlertBoard(SqliteSession session)
    {
        if ((long)session.Command("PRAGMA user_version").ExecuteScalar()! >= 1) return;
        session.Execute("""
            BEGIN IMMEDIATE;
            INSERT INTO alert_board (scope, case_id, version, grade, school_id, opened_at, summary)
            SELECT 'wall:' || substr(g.grain_id, instr(g.grain_id, '/') + 1), a.key, 0, json_extract(a.value, '$.Grade'),
                   json_extract(a.value, '$.SchoolId'), CAST(round((julianday(json_extract(a.value, '$.OpenedAt')) - 2440587.5) * 86400000) AS INTEGER), a.value
            FROM grain_state g, json_each(g.payload, '$.OpenAlerts') a
            WHERE g.state_name = 'wallboards/wallboard'
            ON CONFLICT DO NOTHING;
            INSERT INTO alert_board (scope, case_id, version, grade, school_id, opened_at, summary)
            SELECT 'inbox:' || substr(n.grain_id, instr(n.grain_id, '/') + 1), b.case_id, 0, b.grade, b.school_id, b.opened_at, b.summary
            FROM grain_state n, json_each(n.payload, '$.OpenCaseIds') c
            JOIN alert_board b ON b.case_id = c.value AND b.scope = 'wall:' || json_extract(n.payload, '$.DistrictId')
            WHERE n.state_name = 'network/node'
            ON CONFLICT DO NOTHING;
            DELETE FROM grain_state WHERE state_name = 'wallboards/wallboard';
            PRAGMA user_version = 1;
            COMMIT;
            """);
    }

    /// <summary>Wave 1 kept the local outbox as one list of the latest 500 texts in a grain's state: each becomes a row, oldest first.</summary>
    private static void MoveLocalOutboxToRows(SqliteSession session)
    {
        if ((long)session.Command("PRAGMA user_version").ExecuteScalar()! >= 2) return;
        session.Execute("""
            BEGIN IMMEDIATE;
            INSERT INTO local_outbox (sid, message_id, recipient, body, at)
            SELECT json_extract(t.value, '$.Sid'), json_extract(t.value, '$.MessageId'), json_extract(t.value, '$.To'),
                   json_extract(t.value, '$.Body'), CAST(round((julianday(json_extract(t.value, '$.At')) - 2440587.5) * 86400000) AS INTEGER)
            FROM grain_state g, json_each(g.payload, '$.Texts') t
            WHERE g.state_name = 'sms/outbox'
            ORDER BY CAST(t.key AS INTEGER)
            ON CONFLICT DO NOTHING;
            -- The moved texts hold phone numbers: they are kept once, not twice.
            DELETE FROM grain_state WHERE state_name = 'sms/outbox';
            PRAGMA user_version = 2;
            COMMIT;
            """);
    }

    public const string Tables = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name  TEXT    NOT NULL,
            grain_id    TEXT    NOT NULL,
            etag        TEXT    NOT NULL,
            payload     TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            etag          TEXT    NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        );
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        CREATE TABLE IF NOT EXISTS audit_log (
            stream    TEXT    NOT NULL,
            sequence  INTEGER NOT NULL,
            hash      TEXT    NOT NULL,
            record    TEXT    NOT NULL,
            PRIMARY KEY (stream, sequence)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS alert_board (
            scope      TEXT    NOT NULL,
            case_id    TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            grade      INTEGER NOT NULL,
            school_id  TEXT    NOT NULL,
            opened_at  INTEGER NOT NULL,
            summary    TEXT    NOT NULL,
            PRIMARY KEY (scope, case_id)
        ) WITHOUT ROWID;
        DROP INDEX IF EXISTS alert_board_order;
        CREATE INDEX IF NOT EXISTS alert_board_page ON alert_board (scope, grade DESC, opened_at, case_id);
        CREATE INDEX IF NOT EXISTS alert_board_by_case ON alert_board (case_id);
        CREATE TABLE IF NOT EXISTS local_outbox (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            sid         TEXT    NOT NULL UNIQUE,
            message_id  TEXT    NOT NULL,
            recipient   TEXT    NOT NULL,
            body        TEXT    NOT NULL,
            at          INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS local_outbox_by_message ON local_outbox (message_id);
        CREATE TABLE IF NOT EXISTS alert_board_case (
            case_id    TEXT    NOT NULL PRIMARY KEY,
            version    INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
