using System.Collections.Concurrent;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>The one writer thread of a database: group commit of everything queued (see <see cref="SqliteDatabase"/>).</summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    // Bounds a transaction's size (and so the wait of the first write in it) under a flood of writes.
    private const int MostPerCommit = 512;

    private readonly BlockingCollection<IPendingWrite> _queue = new(new ConcurrentQueue<IPendingWrite>());
    private readonly SqliteSession _session;
    private readonly SqliteCounters _counters;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Action _committed;

    public SqliteWriter(SqliteSession session, SqliteCounters counters, Action committed)
    {
        _session = session;
        _counters = counters;
        _committed = committed;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-writer" };
        _thread.Start();
    }

    public Task<T> Enqueue<T>(Func<SqliteSession, T> work)
    {
        var pending = new PendingWrite<T>(work);
        try
        {
            _queue.Add(pending);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), "The database is closed.");
        }

        return pending.Task;
    }

    private void Run()
    {
        var batch = new List<IPendingWrite>(MostPerCommit);
        try
        {
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                batch.Add(first);
                while (batch.Count < MostPerCommit && _queue.TryTake(out var next)) batch.Add(next);
                try
                {
                    Commit(batch);
                }
                catch (Exception failure)
                {
                    // Commit fails its batch itself; this is for what escapes it (a failed dispose), so that the one
                    // thread every write depends on never dies and leaves later writes waiting forever.
                    foreach (var pending in batch) pending.Fail(failure);
                }

                batch.Clear();
            }
        }
        finally
        {
            _session.Dispose();
            _stopped.TrySetResult();
        }
    }

    private void Commit(List<IPendingWrite> batch)
    {
        var done = new List<IPendingWrite>(batch.Count);
        var started = _counters.Time.GetTimestamp();
        try
        {
            _session.Transaction = _session.Connection.BeginTransaction(deferred: false);
            foreach (var pending in batch)
            {
                _session.Execute("SAVEPOINT w");
                try
                {
                    pending.Run(_session);
                    _session.Execute("RELEASE w");
                    done.Add(pending);
                }
                catch (Exception refusal)
                {
                    _session.Execute("ROLLBACK TO w");
                    _session.Execute("RELEASE w");
                    pending.Fail(refusal);
                }
            }

            _session.Transaction.Commit();
        }
        catch (Exception failure)
        {
            // The transaction itself failed (disk full, I/O error): nothing of it is durable. The connection must leave
            // the transaction whatever happens, or every later batch would fail to begin.
            try { _session.Transaction?.Rollback(); }
            catch (Exception) { LeaveTransaction(); }
            foreach (var pending in batch) pending.Fail(failure);
            return;
        }
        finally
        {
            _session.Transaction?.Dispose();
            _session.Transaction = null;
        }

        _counters.Committed(batch.Count, _counters.Time.GetElapsedTime(started));
        Interlocked.Increment(ref _counters.CommitCount);
        _committed();
        Interlocked.Add(ref _counters.WriteCount, done.Count);
        foreach (var pending in done) pending.Complete();
    }

    /// <summary>Ends whatever transaction SQLite still holds open on the writer's connection, below the ADO.NET layer.</summary>
    private void LeaveTransaction()
    {
        var handle = _session.Connection.Handle;
        if (handle is not null && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0) SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        await _stopped.Task;
    }

    private interface IPendingWrite
    {
        void Run(SqliteSession session);
        void Fail(Exception exception);
        void Complete();
    }

    private sealed class PendingWrite<T>(Func<SqliteSession, T> work) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public void Run(SqliteSession session) => _result = work(session);

        public void Fail(Exception exception) => _done.TrySetException(exception);

        public void Complete() => _done.TrySetResult(_result);
    }
}
