using System.Collections.Concurrent;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// A few reader threads, each with its own connection, taking reads from one queue: a read blocks one of
/// these threads on the disk, never a thread-pool thread that grain turns and requests need.
/// </summary>
internal sealed class SqliteReaders : IAsyncDisposable
{
    private readonly BlockingCollection<IPendingRead> _queue = new(new ConcurrentQueue<IPendingRead>());
    private readonly Task[] _stopped;

    public SqliteReaders(int count, Func<SqliteSession> open)
    {
        _stopped = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stopped[i] = stopped.Task;
            new Thread(() => Run(open, stopped)) { IsBackground = true, Name = $"sqlite-reader-{i}" }.Start();
        }
    }

    public Task<T> Enqueue<T>(Func<SqliteSession, T> work)
    {
        var pending = new PendingRead<T>(work);
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

    private void Run(Func<SqliteSession> open, TaskCompletionSource stopped)
    {
        SqliteSession? session = null;
        try
        {
            session = open();
        }
        catch (Exception failure)
        {
            // This thread could not open its connection: it still takes its share of reads and fails each with why.
            foreach (var read in _queue.GetConsumingEnumerable()) read.Fail(failure);
        }

        try
        {
            if (session is not null)
                foreach (var read in _queue.GetConsumingEnumerable()) read.Run(session);
        }
        finally
        {
            session?.Dispose();
            stopped.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        await Task.WhenAll(_stopped);
    }

    private interface IPendingRead
    {
        void Run(SqliteSession session);
        void Fail(Exception exception);
    }

    private sealed class PendingRead<T>(Func<SqliteSession, T> work) : IPendingRead
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public void Run(SqliteSession session)
        {
            try { _done.TrySetResult(work(session)); }
            catch (Exception exception) { _done.TrySetException(exception); }
        }

        public void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
