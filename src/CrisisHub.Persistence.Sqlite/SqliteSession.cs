using Microsoft.Data.Sqlite;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// One connection as the writer or a reader thread holds it, with its statements prepared once and reused:
/// preparing a statement costs more than running it. Only ever used by the thread that owns the connection.
/// </summary>
public sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal SqliteSession(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    internal SqliteTransaction? Transaction { get; set; }

    /// <summary>The prepared command for this SQL, its parameters cleared, enlisted in the open transaction if any.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>A read transaction: the statements run until it is disposed see one snapshot of the database.</summary>
    public IDisposable BeginRead()
    {
        var transaction = Connection.BeginTransaction(deferred: true);
        Transaction = transaction;
        return new ReadScope(this, transaction);
    }

    private sealed class ReadScope(SqliteSession session, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            session.Transaction = null;
            transaction.Dispose();
        }
    }

    /// <summary>Runs a statement with no result (the savepoint and transaction statements).</summary>
    internal void Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        Connection.Dispose();
    }
}
