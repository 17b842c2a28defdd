using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// The one local database file. Microsoft.Data.Sqlite runs every call synchronously (its async methods too)
/// and with synchronous=FULL every commit is an fsync, so no grain turn touches a connection: writes are
/// queued to one writer thread that takes every write waiting at that moment and commits them in a single
/// transaction (group commit: one fsync per batch), each under its own savepoint so a failing write fails
/// alone; a write's task completes only once its batch is durable. Reads run on a small pool of reader
/// threads with their own connections (WAL lets them read beside the writer). FULL rather than NORMAL
/// because an alert that was acknowledged must stay acknowledged through a power cut, not only a process kill.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteWriter _writer;
    private readonly SqliteReaders _readers;
    private readonly SqliteCheckpointer _checkpointer;

    /// <param name="time">The clock commit latency is measured with.</param>
    public SqliteDatabase(IOptions<SqliteDatabaseOptions> options, TimeProvider? time = null)
    {
        Counters = new SqliteCounters(time ?? TimeProvider.System);
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DatabasePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = false,
        }.ToString();

        var writerSession = Open();
        // The database is the server account's alone; SQLite gives its -wal and -shm files the same mode.
        if (!OperatingSystem.IsWindows())
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            writerSession.Execute("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=4194304;");
            writerSession.Execute(SqliteSchema.Tables);
            SqliteSchema.Migrate(writerSession);
        }
        catch (Exception)
        {
            writerSession.Dispose();
            throw;
        }

        _writer = new SqliteWriter(writerSession, Counters, () => _checkpointer?.Committed());
        _checkpointer = new SqliteCheckpointer(Open, GiveCheckpointsBackToSqlite);
        _readers = new SqliteReaders(Math.Max(1, options.Value.Readers), Open);
    }

    public string DatabasePath { get; }

    /// <summary>What the database has done since the process started: the durability cost of each operation.</summary>
    public SqliteCounters Counters { get; }

    /// <summary>
    /// Runs a write in the writer's next transaction. The work runs on the writer thread and must only use the
    /// session it is given; it may throw to refuse (its own changes are rolled back, the batch's others commit).
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work) => _writer.Enqueue(work);

    public Task WriteAsync(Action<SqliteSession> work) => _writer.Enqueue<bool>(session =>
    {
        work(session);
        return true;
    });

    /// <summary>
    /// The bytes the database's pages hold as of the last commit, the write-ahead log's pages included and free pages
    /// not: how much the data grew, which the files' sizes do not tell (the log is reused and truncated).
    /// </summary>
    public Task<long> UsedBytesAsync() => ReadAsync(session =>
    {
        long Pragma(string name) => (long)session.Command($"PRAGMA {name}").ExecuteScalar()!;
        return (Pragma("page_count") - Pragma("freelist_count")) * Pragma("page_size");
    });

    /// <summary>Runs a read on a reader thread; it sees every write whose task has completed.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteSession, T> work)
    {
        Interlocked.Increment(ref Counters.ReadCount);
        return _readers.Enqueue(work);
    }

    /// <summary>The checkpointer thread stopped: the writer's commits checkpoint the log again, as SQLite does by default.</summary>
    private void GiveCheckpointsBackToSqlite()
    {
        try
        {
            _ = WriteAsync(session => session.Execute("PRAGMA wal_autocheckpoint=1000"));
        }
        catch (ObjectDisposedException)
        {
            // Closing anyway: closing the last connection checkpoints the log.
        }
    }

    private SqliteSession Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var session = new SqliteSession(connection);
        session.Execute("PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=OFF;");
        return session;
    }

    /// <summary>Stops taking work, lets the writer commit everything queued, and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _readers.DisposeAsync();
        await _checkpointer.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>
/// Running totals, read by the storage diagnostics and the load benchmark, and each commit's latency and batch size as
/// metrics (crisishub.storage.write.duration and .batch_size, tagged storage=sqlite).
/// </summary>
public sealed class SqliteCounters
{
    internal long CommitCount;
    internal long WriteCount;
    internal long ReadCount;

    private static readonly KeyValuePair<string, object?> Storage = new("storage", "sqlite");
    // The process-wide CrisisHub meter, not a host factory's (see CrisisHubMetrics.Shared for why).
    private static readonly Meter SharedMeter = new("CrisisHub");
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<int> _batchSize;

    internal SqliteCounters(TimeProvider time)
    {
        Time = time;
        // Recording costs nothing while no metrics listener (OpenTelemetry in the server) is attached.
        _commitDuration = SharedMeter.CreateHistogram<double>("crisishub.storage.write.duration", "s",
            "How long one commit of queued writes took, from its first write to the durable commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _batchSize = SharedMeter.CreateHistogram<int>("crisishub.storage.write.batch_size", "{write}", "Writes committed together.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
    }

    internal TimeProvider Time { get; }

    internal void Committed(int writes, TimeSpan took)
    {
        _commitDuration.Record(took.TotalSeconds, Storage);
        _batchSize.Record(writes, Storage);
    }

    /// <summary>Committed transactions: each is one fsync of the write-ahead log.</summary>
    public long Commits => Interlocked.Read(ref CommitCount);

    /// <summary>Writes committed (a grain state, an audit append, a reminder, a projection delta…), however many shared a commit.</summary>
    public long Writes => Interlocked.Read(ref WriteCount);

    public long Reads => Interlocked.Read(ref ReadCount);
}
