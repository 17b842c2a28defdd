using CrisisHub.Server.Hosting;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Server.Operations;

/// <summary>
/// `CrisisHub.Server --backup &lt;file&gt;`: a consistent copy of the embedded database while the server runs, through SQLite's
/// online backup API (what `sqlite3 db ".backup file"` uses): the copy holds every commit up to its start, the write-ahead
/// log's too, and the server goes on writing. The copy is one self-contained file the server account alone may read.
/// It holds no key: the storage keys (without which the copy is unreadable), the anchor key and the data-protection keys
/// are kept separately (runbooks/backup-and-restore.md).
/// </summary>
public static class OnlineBackup
{
    public const string Switch = "--backup";

    /// <summary>The target file when the command line asks for a backup; null for a normal start.</summary>
    public static string? Target(string[] args)
    {
        var at = Array.IndexOf(args, Switch);
        return at < 0 ? null : at + 1 < args.Length ? args[at + 1] : "";
    }

    /// <summary>Runs the backup the command line asked for and says what happened in one line; returns the exit code.</summary>
    public static int Run(IConfiguration configuration, string target, TextWriter output, TextWriter error)
    {
        var silo = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        var data = configuration.GetSection(CrisisHubOptions.Section).Get<CrisisHubOptions>() ?? new();
        if (target.Length == 0)
        {
            error.WriteLine($"Usage: CrisisHub.Server {Switch} <file>   (a consistent copy of {data.DatabasePath})");
            return 2;
        }

        if (silo.Storage != "Sqlite")
        {
            error.WriteLine($"{Switch} copies the embedded database; Silo:Storage is '{silo.Storage}' (cluster mode: runbooks/backup-restore.md).");
            return 2;
        }

        try
        {
            var bytes = Copy(data.DatabasePath, target);
            output.WriteLine($"Backed up {data.DatabasePath} to {Path.GetFullPath(target)} ({bytes} bytes).");
            return 0;
        }
        catch (Exception exception) when (exception is IOException or SqliteException or UnauthorizedAccessException)
        {
            error.WriteLine($"Backup failed: {exception.Message}");
            return 1;
        }
    }

    /// <summary>Copies the live database to a new file (never over an existing one); returns the copy's size.</summary>
    public static long Copy(string databasePath, string target)
    {
        if (!File.Exists(databasePath)) throw new FileNotFoundException($"There is no database at {databasePath}.");
        // Made empty and owner-only before SQLite opens it, so the copy is never readable by others, not even for a moment.
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = OwnerOnly.File;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        new FileStream(target, create).Dispose();

        using (var source = Open(databasePath, SqliteOpenMode.ReadWrite))
        using (var copy = Open(target, SqliteOpenMode.ReadWrite))
        {
            source.BackupDatabase(copy);
            // The live database is in WAL mode and the copy would be too: one file is easier to keep, move and restore.
            using var command = copy.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE";
            command.ExecuteNonQuery();
        }

        return new FileInfo(target).Length;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }
}
