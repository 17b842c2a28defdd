namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own. Left to SQLite, the commit
/// that crosses the WAL's size limit does it, and every write waiting in that batch waits for a copy and an
/// fsync of the main file; a passive checkpoint beside the writer never makes a write wait.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    // Often enough that the log stays a few megabytes (a checkpoint with little to copy is cheap); the database
    // truncates the file back to its journal_size_limit once a checkpoint let the log start over.
    private const int CommitsPerCheckpoint = 32;

    private readonly SemaphoreSlim _due = new(0);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private int _commitsSince;

    private readonly Action _failed;

    /// <param name="open">Opens the checkpointer's own connection.</param>
    /// <param name="failed">Called once if this thread stops for good, to give checkpointing back to SQLite.</param>
    public SqliteCheckpointer(Func<SqliteSession> open, Action failed)
    {
        _failed = failed;
        new Thread(() => Run(open)) { IsBackground = true, Name = "sqlite-checkpointer" }.Start();
    }

    /// <summary>Called by the writer after each commit.</summary>
    public void Committed()
    {
        if (Interlocked.Increment(ref _commitsSince) % CommitsPerCheckpoint == 0 && _due.CurrentCount == 0) _due.Release();
    }

    private void Run(Func<SqliteSession> open)
    {
        try
        {
            using var session = open();
            while (true)
            {
                _due.Wait();
                if (_stopping) return;
                session.Command("PRAGMA wal_checkpoint(PASSIVE)").ExecuteNonQuery();
            }
        }
        catch (Exception)
        {
            // Without this thread the log would only grow: the writer's commits checkpoint it again, as SQLite does by default.
            _failed();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _due.Release();
        await _stopped.Task;
    }
}
