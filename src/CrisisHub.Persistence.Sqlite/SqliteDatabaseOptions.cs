using System.ComponentModel.DataAnnotations;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>Where the embedded server keeps its single database file.</summary>
public sealed class SqliteDatabaseOptions
{
    /// <summary>Full path of the SQLite file; its folder is created on first use.</summary>
    [Required]
    public string DatabasePath { get; set; } = "";

    /// <summary>Reader threads (each with a connection): reads block these, never the thread pool.</summary>
    [Range(1, 16)]
    public int Readers { get; set; } = 2;
}
